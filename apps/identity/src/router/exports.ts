import { exportCustomersPage } from "../app/export-customers.ts";
import { exportPage, exportPageInput } from "../contract.ts";
import { router, staffProcedure } from "../trpc.ts";

/** CSV exports (#24): the customers CSV a page at a time (personal data: `customers.read`). */
export const exportsRouter = router({
  customers: staffProcedure("customers.read")
    .input(exportPageInput)
    .output(exportPage)
    .query(({ ctx, input }) => exportCustomersPage(ctx.deps, input.cursor)),
});

import { createCode, deactivateCode, listCodes, updateCode } from "../app/admin-codes.ts";
import { createCodeInput, deactivateCodeInput, updateCodeInput } from "../contract.ts";
import { router, staffProcedure } from "../trpc.ts";

/** Discount codes for the admin panel. */
export const adminCodesRouter = router({
  list: staffProcedure("discounts.write").query(({ ctx }) => listCodes(ctx.deps)),
  create: staffProcedure("discounts.write")
    .input(createCodeInput)
    .mutation(({ ctx, input }) => createCode(ctx.deps, input)),
  update: staffProcedure("discounts.write")
    .input(updateCodeInput)
    .mutation(({ ctx, input }) => updateCode(ctx.deps, input)),
  deactivate: staffProcedure("discounts.write")
    .input(deactivateCodeInput)
    .mutation(({ ctx, input }) => deactivateCode(ctx.deps, input)),
});

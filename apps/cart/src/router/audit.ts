import { auditListInput } from "@mercato/kit/audit";
import { auditLogPage } from "../app/audit-log.ts";
import { adminProcedure, router } from "../trpc.ts";

/** `cart.admin.audit.list`: the staff actions cart recorded (#20), filtered, newest first, keyset paged. */
export const auditRouter = router({
  list: adminProcedure.input(auditListInput).query(({ ctx, input }) => {
    ctx.resHeaders.set("cache-control", "private, no-store");
    return auditLogPage(ctx.deps, input);
  }),
});

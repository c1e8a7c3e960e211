import { auditListInput } from "@mercato/kit/audit";
import { auditLogPage } from "../app/audit-log.ts";
import { router, staffProcedure } from "../trpc.ts";

/** `notifications.admin.audit.list`: the staff actions notifications recorded (alert acknowledgements, #22), filtered, newest first, keyset paged. */
export const auditRouter = router({
  list: staffProcedure("audit.read")
    .input(auditListInput)
    .query(({ ctx, input }) => {
      ctx.resHeaders.set("cache-control", "private, no-store");
      return auditLogPage(ctx.deps, input);
    }),
});

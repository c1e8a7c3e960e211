import { customRoleInput, refundLimitInput, roleDefinition, roleIdInput } from "@mercato/access";
import { z } from "zod";
import { deleteRole, listRoles, saveRole, setSupportRefundLimit } from "../app/roles.ts";
import { router, staffProcedure } from "../trpc.ts";

/** Staff roles: the built-in ones and the custom ones a superadmin composes (staff.manage). */
export const rolesRouter = router({
  list: staffProcedure("staff.manage")
    .output(z.array(roleDefinition))
    .query(({ ctx }) => listRoles(ctx.deps)),
  save: staffProcedure("staff.manage")
    .input(customRoleInput)
    .output(roleDefinition)
    .mutation(({ ctx, input }) => saveRole(ctx.deps, { id: ctx.user.id, log: ctx.log }, input)),
  delete: staffProcedure("staff.manage")
    .input(roleIdInput)
    .mutation(({ ctx, input }) => deleteRole(ctx.deps, { id: ctx.user.id, log: ctx.log }, input.id)),
  setSupportRefundLimit: staffProcedure("staff.manage")
    .input(refundLimitInput)
    .output(roleDefinition)
    .mutation(({ ctx, input }) =>
      setSupportRefundLimit(ctx.deps, { id: ctx.user.id, log: ctx.log }, input.refundLimit),
    ),
});

import { banUser, listUsers, setRole, unbanUser, userById } from "../app/admin-users.ts";
import { adminDeleteUser } from "../app/erase-user.ts";
import {
  banInput,
  deletedAccount,
  listUsersInput,
  publicUser,
  setRoleInput,
  userIdInput,
  userList,
} from "../contract.ts";
import { router, staffProcedure } from "../trpc.ts";

export const adminUsersRouter = router({
  list: staffProcedure("customers.read")
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/customers",
        tags: ["customers"],
        summary: "List customers and staff",
        protect: true,
      },
    })
    .input(listUsersInput)
    .output(userList)
    .query(({ ctx, input }) => listUsers(ctx.deps, input)),

  byId: staffProcedure("customers.read")
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/customers/{userId}",
        tags: ["customers"],
        summary: "One customer",
        protect: true,
      },
    })
    .input(userIdInput)
    .output(publicUser)
    .query(({ ctx, input }) => userById(ctx.deps, input.userId)),

  setRole: staffProcedure("staff.manage")
    .input(setRoleInput)
    .output(publicUser)
    .mutation(({ ctx, input }) => setRole(ctx.deps, { id: ctx.user.id, log: ctx.log }, input)),

  ban: staffProcedure("customers.ban")
    .input(banInput)
    .output(publicUser)
    .mutation(({ ctx, input }) => banUser(ctx.deps, { id: ctx.user.id, log: ctx.log }, input)),

  unban: staffProcedure("customers.ban")
    .input(userIdInput)
    .output(publicUser)
    .mutation(({ ctx, input }) => unbanUser(ctx.deps, { id: ctx.user.id, log: ctx.log }, input.userId)),

  /** Deletes the user as their own deletion does: every service hears identity.user.deleted.v1. */
  delete: staffProcedure("customers.delete")
    .input(userIdInput)
    .output(deletedAccount)
    .mutation(({ ctx, input }) => adminDeleteUser(ctx.deps, { id: ctx.user.id }, input.userId)),
});

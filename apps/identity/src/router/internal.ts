import { findUserContact, listAdminEmails } from "../app/directory.ts";
import { adminEmailList, userContact, userIdInput } from "../contract.ts";
import { internalProcedure, router } from "../trpc.ts";

/** For other services (service credential only). */
export const internalRouter = router({
  adminEmails: internalProcedure(["notifications"])
    .output(adminEmailList)
    .query(({ ctx }) => listAdminEmails(ctx.deps)),

  userById: internalProcedure(["notifications"])
    .input(userIdInput)
    .output(userContact.nullable())
    .query(({ ctx, input }) => findUserContact(ctx.deps, input.userId)),
});

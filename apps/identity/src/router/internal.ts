import { claimAccountLink } from "../app/account-links.ts";
import { findUserContact, listAdminEmails } from "../app/directory.ts";
import { claimInvitationLink } from "../app/staff-invitations.ts";
import {
  accountLink,
  accountLinkInput,
  adminEmailList,
  staffInvitationLink,
  userContact,
  userIdInput,
} from "../contract.ts";
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

  /**
   * The reset or verification link an `identity.*` event names by `linkId` (the bus never carries
   * it). A mutation: the first claim starts the link's short re-claim window (app/account-links.ts).
   */
  accountLink: internalProcedure(["notifications"])
    .input(accountLinkInput)
    .output(accountLink)
    .mutation(({ ctx, input }) => claimAccountLink(ctx.deps, input.linkId)),

  /** The invitation link an `identity.staff_invitation.requested` event names by `linkId` (#20). */
  staffInvitationLink: internalProcedure(["notifications"])
    .input(accountLinkInput)
    .output(staffInvitationLink)
    .mutation(({ ctx, input }) => claimInvitationLink(ctx.deps, input.linkId)),
});

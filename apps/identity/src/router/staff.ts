import { auditListInput, listAudit } from "@mercato/kit/audit";
import { z } from "zod";
import { acceptInvitation, inviteStaff, listInvitations, revokeInvitation } from "../app/staff-invitations.ts";
import {
  acceptedInvitation,
  acceptInvitationInput,
  invitationIdInput,
  staffInvitation,
  staffInviteInput,
} from "../contract.ts";
import { publicProcedure, router, staffProcedure } from "../trpc.ts";

/** `identity.admin.staff.*`: staff invitations (#20). */
export const staffRouter = router({
  invite: staffProcedure("staff.manage")
    .input(staffInviteInput)
    .output(staffInvitation)
    .mutation(({ ctx, input }) => inviteStaff(ctx.deps, { id: ctx.user.id }, input)),
  invitations: staffProcedure("staff.manage")
    .output(z.array(staffInvitation))
    .query(({ ctx }) => {
      ctx.resHeaders.set("cache-control", "private, no-store");
      return listInvitations(ctx.deps);
    }),
  revoke: staffProcedure("staff.manage")
    .input(invitationIdInput)
    .output(invitationIdInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.deps, input.id)),
});

/** `identity.admin.audit.list`: the staff actions identity recorded (#20), filtered, newest first. */
export const auditRouter = router({
  list: staffProcedure("audit.read")
    .input(auditListInput)
    .query(({ ctx, input }) => {
      ctx.resHeaders.set("cache-control", "private, no-store");
      return listAudit(ctx.deps.db, "identity", input);
    }),
});

/** `identity.invitation.accept`: public, the one-time token in the link is the credential. */
export const invitationRouter = router({
  accept: publicProcedure
    .input(acceptInvitationInput)
    .output(acceptedInvitation)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.deps, input)),
});

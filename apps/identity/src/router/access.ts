import { accessView } from "@mercato/access";
import { authedProcedure } from "../trpc.ts";

/**
 * The signed-in user's role and permissions, as the verified token carries them (what every
 * service checks): the admin panel shows only what they allow. Role changes revoke the token.
 */
export const myAccessProcedure = authedProcedure.output(accessView).query(({ ctx }) => ({
  role: ctx.user.role,
  permissions: [...ctx.user.permissions],
  sellerId: ctx.user.sellerId,
  refundLimit: ctx.user.refundLimit,
}));

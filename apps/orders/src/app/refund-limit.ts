import type { AuthUser } from "@mercato/kit";
import { forbidden } from "@mercato/kit/errors";

/**
 * A staff member's refund limit (#20): the token's `refundLimit` (support's, configurable at
 * identity; null = none) caps one refund, in the order currency's minor units. Over it → 403
 * naming `amount`, the limit in the reason, before anything is asked of payments. Gives the input back.
 */
export function checkRefundLimit<T extends { amount: number }>(
  user: Pick<AuthUser, "refundLimit" | "role">,
  input: T,
): T {
  if (user.refundLimit === null || input.amount <= user.refundLimit) return input;
  throw forbidden(
    "amount",
    `a refund of ${input.amount} is over the ${user.role} role's refund limit of ${user.refundLimit} (minor units): ask a manager`,
  );
}

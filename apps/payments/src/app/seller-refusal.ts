import type { AuthUser } from "@mercato/kit";
import { forbidden } from "@mercato/kit/errors";

/**
 * Payments are the shop's money (#20, payouts out of scope): a seller holds `orders.read` for its
 * own order lines but sees no payment. Its admin reads are a 403 naming `scope`.
 */
export function refuseSeller<T>(user: AuthUser | null | undefined, input: T): T {
  if (user?.sellerId) throw forbidden("scope", "a seller does not see the shop's payments");
  return input;
}

import { type AuthUser, type DomainError, notFound } from "@mercato/kit";
import { type CartRow, cartOfUser, guestCartByTokenHash, type Reader } from "../db/queries.ts";
import { hashCartToken } from "../domain/cart-token.ts";

/** Who is shopping: a signed-in user (their one cart) or a guest (the cart their token opens). */
export type Shopper =
  | { kind: "user"; userId: string; email: string; group: string | null }
  | { kind: "guest"; tokenHash: string | null };

/** Signed-in shoppers always use their own cart, so a token they send is ignored (merge is explicit). */
export function shopperOf(user: AuthUser | null, cartToken: string | undefined): Shopper {
  // The customer group (#27) comes with the user's token: its price lists apply to their cart.
  if (user) return { kind: "user", userId: user.id, email: user.email, group: user.customerGroup ?? null };
  return { kind: "guest", tokenHash: cartToken ? hashCartToken(cartToken) : null };
}

export function unknownToken(): DomainError {
  return notFound("cartToken", "no cart with this token");
}

/**
 * The shopper's cart, or null when they have none yet (a user before their first item, a guest
 * without a token). A guest's token that opens no cart is refused: NOT_FOUND naming cartToken.
 */
export async function findCart(db: Reader, shopper: Shopper): Promise<CartRow | null> {
  if (shopper.kind === "user") return (await cartOfUser(db, shopper.userId)) ?? null;
  if (!shopper.tokenHash) return null;
  const cart = await guestCartByTokenHash(db, shopper.tokenHash);
  if (!cart) throw unknownToken();
  return cart;
}

/** Whose once-per-customer usage counts: only a signed-in shopper is known before checkout. */
export function customerOf(shopper: Shopper): { userId: string | null; email: string | null; group: string | null } {
  return shopper.kind === "user"
    ? { userId: shopper.userId, email: shopper.email, group: shopper.group }
    : { userId: null, email: null, group: null };
}

/** The customer group whose price lists apply (#27): none for guests. */
export function groupOf(shopper: Shopper): string | null {
  return shopper.kind === "user" ? shopper.group : null;
}

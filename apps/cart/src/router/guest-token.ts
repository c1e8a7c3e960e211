import { invalid } from "@mercato/kit";
import { CART_TOKEN_HEADER, cartTokenSchema } from "../contract.ts";

/**
 * The guest's cart token: the one in a mutation's body, else the `x-cart-token` header (where the
 * storefront's proxy puts its HttpOnly cookie, and where reads must carry it: their input is in
 * the URL). A malformed header is a 400 naming it.
 */
export function guestToken(req: Request, fromBody?: string): string | undefined {
  if (fromBody) return fromBody;
  const header = req.headers.get(CART_TOKEN_HEADER)?.trim();
  if (!header) return undefined;
  const parsed = cartTokenSchema.safeParse(header);
  if (!parsed.success) throw invalid(CART_TOKEN_HEADER, "is not a cart token");
  return parsed.data;
}

/** A mutation's input with the guest token filled in from the header when the body has none. */
export function withGuestToken<T extends { cartToken?: string | undefined }>(req: Request, input: T): T {
  const cartToken = guestToken(req, input.cartToken);
  return cartToken ? { ...input, cartToken } : input;
}

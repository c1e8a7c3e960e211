import { type AuthUser, invalid } from "@mercato/kit";
import type { ApplyCodeInput, CartRefInput, CartView } from "../contract.ts";
import { codeByName } from "../db/queries.ts";
import type { CartDeps } from "../deps.ts";
import { normalizeCode, refusalError, unknownCode } from "../domain/discount-code.ts";
import { buildView, viewOf } from "./cart-view.ts";
import { touchCart } from "./open-cart.ts";
import { customerOf, findCart, shopperOf } from "./shopper.ts";

/**
 * Applies one discount code (replacing any other), after checking it against the cart as it is
 * now. Refusals name `code` and the reason; the cart is unchanged. The code is re-checked on
 * every read and by orders at checkout.
 */
export async function applyCode(deps: CartDeps, user: AuthUser | null, input: ApplyCodeInput): Promise<CartView> {
  const shopper = shopperOf(user, input.cartToken);
  const code = normalizeCode(input.code);
  const existing = await findCart(deps.db.orm, shopper);
  const rule = await codeByName(deps.db.orm, code);
  if (!rule) throw refusalError(unknownCode(code));
  if (!existing) throw invalid("code", "add something to the cart first");
  const tried = await buildView(deps, deps.db.orm, existing, customerOf(shopper), { code });
  if (tried.discount?.problem) throw refusalError(tried.discount.problem);
  const cart = await deps.db.write((tx) => touchCart(tx, existing.id, new Date(), { discountCode: code }));
  deps.changes.changed(cart);
  return { ...tried, updatedAt: cart.updatedAt };
}

export async function removeCode(deps: CartDeps, user: AuthUser | null, input: CartRefInput): Promise<CartView> {
  const shopper = shopperOf(user, input.cartToken);
  const existing = await findCart(deps.db.orm, shopper);
  if (!existing) return viewOf(deps, shopper, null);
  const cart = await deps.db.write((tx) => touchCart(tx, existing.id, new Date(), { discountCode: null }));
  deps.changes.changed(cart);
  return viewOf(deps, shopper, cart);
}

import { invalid, notFound } from "@mercato/kit";
import type { z } from "zod";
import type { CheckoutCart, CodeDiscount, checkCodeInput, ForCheckoutInput } from "../contract.ts";
import {
  type CartRow,
  cartOfUser,
  codeByName,
  customerUsedCode,
  type DiscountCodeRow,
  guestCartByTokenHash,
  itemsOf,
} from "../db/queries.ts";
import type { CartDeps } from "../deps.ts";
import { hashCartToken } from "../domain/cart-token.ts";
import { codeRefusal, normalizeCode, refusalError, unknownCode } from "../domain/discount-code.ts";
import { unknownToken } from "./shopper.ts";

function discountOf(rule: DiscountCodeRow): CodeDiscount {
  return { code: rule.code, kind: rule.kind, value: rule.value, minSubtotal: rule.minSubtotal };
}

/**
 * For orders: the lines and code of a user's cart (by userId) or a guest's (by cartToken). Lines
 * are quantities only: orders prices them from the catalog itself and inventory decides stock.
 */
export async function cartForCheckout(deps: CartDeps, input: ForCheckoutInput): Promise<CheckoutCart> {
  const db = deps.db.orm;
  let cart: CartRow | undefined;
  if (input.userId) {
    cart = await cartOfUser(db, input.userId);
    if (!cart) throw notFound("userId", "this user has no cart");
  } else if (input.cartToken) {
    cart = await guestCartByTokenHash(db, hashCartToken(input.cartToken));
    if (!cart) throw unknownToken();
  } else {
    throw invalid("cartToken", "give a cartToken or a userId");
  }
  const items = await itemsOf(db, cart.id);
  if (items.length === 0) throw invalid("cart", "the cart is empty");
  const rule = cart.discountCode ? await codeByName(db, cart.discountCode) : undefined;
  return {
    cartId: cart.id,
    currency: cart.currency,
    lines: items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
    discount: rule ? discountOf(rule) : null,
  };
}

/** For orders at checkout: the discount if `code` applies to this order now, else a refusal naming `code`. */
export async function checkCodeForOrder(deps: CartDeps, input: z.output<typeof checkCodeInput>): Promise<CodeDiscount> {
  const db = deps.db.orm;
  const code = normalizeCode(input.code);
  const rule = await codeByName(db, code);
  if (!rule) throw refusalError(unknownCode(code));
  const usedByCustomer = rule.oncePerCustomer
    ? await customerUsedCode(db, code, { userId: input.userId ?? null, email: input.email })
    : false;
  const refusal = codeRefusal(code, rule, {
    now: new Date(),
    subtotal: input.subtotal,
    currency: input.currency,
    usedByCustomer,
  });
  if (refusal) throw refusalError(refusal);
  return discountOf(rule);
}

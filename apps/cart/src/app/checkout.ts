import type { Tx } from "@mercato/db";
import { invalid, notFound } from "@mercato/kit";
import { and, eq, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type { CheckoutCart, CodeDiscount, checkCodeInput, ForCheckoutInput, reserveCodeInput } from "../contract.ts";
import {
  type CartRow,
  cartOfUser,
  codeByName,
  customerUsedCode,
  type DiscountCodeRow,
  guestCartByTokenHash,
  itemsOf,
  type Reader,
  takeCodeUse,
} from "../db/queries.ts";
import type * as schema from "../db/schema.ts";
import { codeRedemptions, discountCodes } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";
import { hashCartToken } from "../domain/cart-token.ts";
import { codeRefusal, exhaustedCode, normalizeCode, refusalError, unknownCode } from "../domain/discount-code.ts";
import { choicesIn } from "../domain/region.ts";
import { regionOfCart } from "./cart-view.ts";
import { unknownToken } from "./shopper.ts";

type CartSchema = typeof schema;

function discountOf(rule: DiscountCodeRow): CodeDiscount {
  return {
    code: rule.code,
    kind: rule.kind,
    value: rule.value,
    currency: rule.currency,
    minSubtotal: rule.minSubtotal,
  };
}

/**
 * For orders: the lines and code of a user's cart (by userId) or a guest's (by cartToken), and
 * the shopper's choices (region, destination, shipping option). Lines are quantities only: orders
 * prices them from the catalog itself and inventory decides stock. The shipping option is one the
 * region offers; whether it can carry the basket is checked by pricing at checkout.
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
  const [rule, region] = await Promise.all([
    cart.discountCode ? codeByName(db, cart.discountCode) : undefined,
    regionOfCart(deps.regions, cart),
  ]);
  // The region the cart's view prices in (the default one if the cart's was deleted), and the
  // shopper's choices that still hold in it, so orders charges what the cart showed.
  const chosen = choicesIn(region, cart);
  return {
    cartId: cart.id,
    regionId: region.id,
    currency: region.currency,
    destination: chosen.country ? { country: chosen.country, subdivision: chosen.subdivision } : null,
    shippingOptionId: chosen.shippingOptionId,
    lines: items.map((i) => ({ sku: i.sku, quantity: i.quantity, giftCard: i.giftCard ?? null })),
    discount: rule ? discountOf(rule) : null,
  };
}

/** For orders at checkout: the discount if `code` applies to this order now, else a refusal naming `code`. */
export async function checkCodeForOrder(deps: CartDeps, input: z.output<typeof checkCodeInput>): Promise<CodeDiscount> {
  const rule = await applicableRule(deps.db.orm, input);
  return discountOf(rule);
}

async function applicableRule(db: Reader, input: z.output<typeof checkCodeInput>): Promise<DiscountCodeRow> {
  const code = normalizeCode(input.code);
  const rule = await codeByName(db, code);
  if (!rule) throw refusalError(unknownCode(code));
  const customer = { userId: input.userId ?? null, email: input.email };
  const usedByCustomer = rule.oncePerCustomer ? await customerUsedCode(db, code, customer) : false;
  const refusal = codeRefusal(code, rule, {
    now: new Date(),
    subtotal: input.subtotal,
    currency: input.currency,
    usedByCustomer,
    guest: customer.userId === null,
  });
  if (refusal) throw refusalError(refusal);
  return rule;
}

/**
 * For orders at checkout: takes one use of the code for this order, atomically — the rule is
 * checked and `used` raised by a guarded UPDATE (`used < usage_limit`) in one write transaction,
 * so however many checkouts race, a code with N uses gives N discounts. Idempotent by order id.
 * The use is given back when the order is cancelled or lapses unpaid (`releaseCodeOf`).
 */
export function reserveCodeForOrder(deps: CartDeps, input: z.output<typeof reserveCodeInput>): Promise<CodeDiscount> {
  return deps.db.write(async (tx) => {
    const code = normalizeCode(input.code);
    const [held] = await tx
      .select()
      .from(codeRedemptions)
      .where(and(eq(codeRedemptions.code, code), eq(codeRedemptions.orderId, input.orderId)));
    const rule = held && held.status !== "released" ? await codeByName(tx, code) : undefined;
    if (rule) return discountOf(rule);
    const applicable = await applicableRule(tx, input);
    const now = new Date();
    if (!(await takeCodeUse(tx, code, now))) throw refusalError(exhaustedCode(code));
    const row = {
      code,
      orderId: input.orderId,
      status: "reserved" as const,
      userId: input.userId ?? null,
      email: input.email.trim().toLowerCase(),
      counted: true,
      redeemedAt: now,
    };
    await tx
      .insert(codeRedemptions)
      .values(row)
      .onConflictDoUpdate({ target: [codeRedemptions.code, codeRedemptions.orderId], set: row });
    return discountOf(applicable);
  });
}

/**
 * Gives back the use an order holds (reserved or paid), once: on cancellation or expiry of the
 * order, or when its checkout failed after the use was taken. Returns whether a use was released.
 */
export async function releaseCodeOf(tx: Tx<CartSchema>, orderId: string, now = new Date()): Promise<boolean> {
  const released = await tx
    .update(codeRedemptions)
    .set({ status: "released" })
    .where(and(eq(codeRedemptions.orderId, orderId), ne(codeRedemptions.status, "released")))
    .returning({ code: codeRedemptions.code, counted: codeRedemptions.counted });
  for (const r of released) {
    if (!r.counted) continue;
    await tx
      .update(discountCodes)
      .set({ used: sql`max(${discountCodes.used} - 1, 0)`, updatedAt: now })
      .where(eq(discountCodes.code, r.code));
  }
  return released.length > 0;
}

export function releaseCodeForOrder(deps: CartDeps, orderId: string): Promise<{ released: boolean }> {
  return deps.db.write(async (tx) => ({ released: await releaseCodeOf(tx, orderId) }));
}

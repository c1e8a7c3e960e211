import { and, asc, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { CartDeps } from "../deps.ts";
import { cartItems, carts, codeRedemptions, discountCodes } from "./schema.ts";

type Db = CartDeps["db"];
/** Reads run on the database or inside a write's transaction, so checks and writes agree. */
export type Reader = Db["orm"] | Parameters<Parameters<Db["write"]>[0]>[0];

export type CartRow = typeof carts.$inferSelect;
export type CartItemRow = typeof cartItems.$inferSelect;
export type DiscountCodeRow = typeof discountCodes.$inferSelect;

export async function cartOfUser(r: Reader, userId: string): Promise<CartRow | undefined> {
  const [row] = await r.select().from(carts).where(eq(carts.userId, userId));
  return row;
}

/** Only guest carts are reachable by token: a user's cart has none. */
export async function guestCartByTokenHash(r: Reader, tokenHash: string): Promise<CartRow | undefined> {
  const [row] = await r
    .select()
    .from(carts)
    .where(and(eq(carts.tokenHash, tokenHash), isNull(carts.userId)));
  return row;
}

export async function cartById(r: Reader, id: string): Promise<CartRow | undefined> {
  const [row] = await r.select().from(carts).where(eq(carts.id, id));
  return row;
}

export function itemsOf(r: Reader, cartId: string): Promise<CartItemRow[]> {
  return r
    .select()
    .from(cartItems)
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.sku));
}

export async function codeByName(r: Reader, code: string): Promise<DiscountCodeRow | undefined> {
  const [row] = await r.select().from(discountCodes).where(eq(discountCodes.code, code));
  return row;
}

/** Whether this signed-in customer already holds or used the code (a reserved or paid use). */
export async function customerUsedCode(
  r: Reader,
  code: string,
  customer: { userId: string | null; email: string | null },
): Promise<boolean> {
  // Keyed on the signed-in user only (guests cannot use once-per-customer codes); a released use
  // (cancelled or lapsed order) does not count.
  if (!customer.userId) return false;
  const [row] = await r
    .select({ code: codeRedemptions.code })
    .from(codeRedemptions)
    .where(
      and(
        eq(codeRedemptions.code, code),
        eq(codeRedemptions.userId, customer.userId),
        ne(codeRedemptions.status, "released"),
      ),
    )
    .limit(1);
  return Boolean(row);
}

type Writer = Parameters<Parameters<Db["write"]>[0]>[0];

/**
 * Counts one use of a code if its limit allows, in one guarded UPDATE (so concurrent checkouts
 * cannot both take the last use). False when the code is used up.
 */
export async function takeCodeUse(tx: Writer, code: string, now: Date): Promise<boolean> {
  const taken = await tx
    .update(discountCodes)
    .set({ used: sql`${discountCodes.used} + 1`, updatedAt: now })
    .where(
      and(
        eq(discountCodes.code, code),
        or(isNull(discountCodes.usageLimit), lt(discountCodes.used, discountCodes.usageLimit)),
      ),
    )
    .returning({ used: discountCodes.used });
  return taken.length > 0;
}

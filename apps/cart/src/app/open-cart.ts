import type { Currency } from "@mercato/pricing";
import { eq } from "drizzle-orm";
import { type CartRow, cartOfUser, guestCartByTokenHash } from "../db/queries.ts";
import { carts } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";
import { hashCartToken, newCartToken } from "../domain/cart-token.ts";
import { type Shopper, unknownToken } from "./shopper.ts";

type Tx = Parameters<Parameters<CartDeps["db"]["write"]>[0]>[0];

/** The region a new cart is opened in, and its currency. */
export interface CartRegion {
  regionId: string;
  currency: Currency;
}

/**
 * The shopper's cart inside a write, created in `region` if they have none: a user's on first use,
 * a guest's with a fresh token (returned once, never stored). A guest's unknown token creates nothing.
 */
export async function openCart(
  tx: Tx,
  shopper: Shopper,
  now: Date,
  region: CartRegion,
): Promise<{ cart: CartRow; newToken: string | null }> {
  if (shopper.kind === "guest" && shopper.tokenHash) {
    const cart = await guestCartByTokenHash(tx, shopper.tokenHash);
    if (!cart) throw unknownToken();
    return { cart, newToken: null };
  }
  if (shopper.kind === "user") {
    const cart = await cartOfUser(tx, shopper.userId);
    if (cart) return { cart, newToken: null };
  }
  const newToken = shopper.kind === "guest" ? newCartToken() : null;
  const [cart] = await tx
    .insert(carts)
    .values({
      id: Bun.randomUUIDv7(),
      userId: shopper.kind === "user" ? shopper.userId : null,
      tokenHash: newToken ? hashCartToken(newToken) : null,
      regionId: region.regionId,
      currency: region.currency,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return { cart: cart!, newToken };
}

/** Marks a cart changed (keeps it from the guest sweeper), with the columns in `patch` changed too. */
export async function touchCart(tx: Tx, cartId: string, now: Date, patch: Partial<CartRow> = {}): Promise<CartRow> {
  const [cart] = await tx
    .update(carts)
    .set({ ...patch, updatedAt: now })
    .where(eq(carts.id, cartId))
    .returning();
  return cart!;
}

export type { Tx };

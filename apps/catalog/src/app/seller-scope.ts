/**
 * Sellers (#20, marketplace-lite): a product records its owner (`products.owner_id`: null = the
 * shop, else the seller's user id). A seller (a staff user whose token carries `sellerId`) lists
 * and edits only its own products; admins see everything. The acting user is the request's
 * (`currentUser()`), so the admin use cases scope themselves without a new parameter.
 */
import { currentUser } from "@mercato/kit";
import { forbidden, notFound } from "@mercato/kit/errors";
import { eq } from "drizzle-orm";
import type { ReadDb } from "../db/queries.ts";
import { products } from "../db/schema.ts";

/** The seller the request acts for, or null for the shop's own staff (and for no user at all). */
export function sellerScope(): string | null {
  return currentUser()?.sellerId ?? null;
}

/** Refuses (403 naming `productId`) a seller acting on a product it does not own. */
export function assertOwns(productId: string, ownerId: string | null, seller = sellerScope()): void {
  if (seller && ownerId !== seller) {
    throw forbidden("productId", `product "${productId}" belongs to another seller`);
  }
}

/** Looks the product's owner up and refuses as `assertOwns` does (404 naming `id` when there is none). */
export async function assertOwnsProduct(db: ReadDb, productId: string): Promise<void> {
  const seller = sellerScope();
  if (!seller) return;
  const [row] = await db.select({ ownerId: products.ownerId }).from(products).where(eq(products.id, productId));
  if (!row) throw notFound("id", `no product "${productId}"`);
  assertOwns(productId, row.ownerId, seller);
}

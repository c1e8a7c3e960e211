import { and, eq, inArray } from "drizzle-orm";
import { purchases, reviews } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";

/**
 * Remembers that a signed-in customer paid for these products (orders.paid), and marks their
 * reviews of them, written before the order, "verified purchase". A guest order names nobody.
 */
export async function recordPurchases(
  tx: CatalogTx,
  order: { orderId: string; userId: string | null; productIds: string[]; paidAt: Date },
): Promise<void> {
  if (!order.userId || order.productIds.length === 0) return;
  const productIds = [...new Set(order.productIds)];
  await tx
    .insert(purchases)
    .values(
      productIds.map((productId) => ({
        customerId: order.userId!,
        productId,
        orderId: order.orderId,
        paidAt: order.paidAt,
      })),
    )
    .onConflictDoNothing();
  await tx
    .update(reviews)
    .set({ verified: true })
    .where(and(eq(reviews.customerId, order.userId), inArray(reviews.productId, productIds)));
}

import {
  createEvent,
  type EventOf,
  enqueue,
  type ProductUpdated,
  processOnce,
  type StockChanged,
  WishlistAlert,
} from "@mercato/events";
import type { Currency } from "@mercato/pricing";
import { eq } from "drizzle-orm";
import { watchesOf, watchOf, wishersOf } from "../db/wishlist-queries.ts";
import { wishlistWatch } from "../db/wishlist-schema.ts";
import type { CartDeps } from "../deps.ts";
import { cameBackInStock, priceDropped } from "../domain/wishlist-alerts.ts";
import type { Tx } from "./open-cart.ts";

type Alert = Pick<
  EventOf<typeof WishlistAlert>["data"],
  "kind" | "sku" | "available" | "price" | "previousPrice" | "currency"
>;

/** One alert event per signed-in owner of a wishlist holding the SKU, in the caller's transaction. */
async function alertWishers(tx: Tx, alert: Alert, correlationId: string): Promise<number> {
  const wishers = await wishersOf(tx, alert.sku);
  for (const w of wishers) {
    await enqueue(
      tx,
      createEvent(
        WishlistAlert,
        { ...alert, userId: w.userId!, email: w.email!, productSlug: w.productSlug, title: w.title },
        { key: w.userId!, correlationId },
      ),
    );
  }
  return wishers.length;
}

/**
 * inventory.stock.changed for a watched SKU: 0 → available alerts its wishers. The watch row moves
 * in the same transaction as the inbox entry and the alerts, so a redelivery finds the event
 * handled, and a repeat of "available" (a later change) finds no transition.
 */
export async function onStockChanged(deps: CartDeps, event: EventOf<typeof StockChanged>): Promise<void> {
  const { sku, available } = event.data;
  const sent = await processOnce(deps.db, `${deps.name}-wishlist`, event, async (tx) => {
    const watched = await watchOf(tx, sku);
    if (!watched) return 0;
    await tx.update(wishlistWatch).set({ available, updatedAt: new Date() }).where(eq(wishlistWatch.sku, sku));
    if (!cameBackInStock(watched.available, available)) return 0;
    const [price] = Object.entries(watched.prices);
    return alertWishers(
      tx,
      {
        kind: "back_in_stock",
        sku,
        available,
        price: price ? price[1] : null,
        previousPrice: null,
        currency: price ? (price[0] as Currency) : null,
      },
      event.correlationId,
    );
  });
  if (sent.done && sent.result > 0) deps.relay.kick();
}

/**
 * catalog.product.updated: every watched variant whose price in its currency is lower than last
 * seen alerts its wishers (every price change goes through the product's update, whose snapshot
 * carries each variant's price). The watch keeps the new price, so a repeat sends nothing.
 */
export async function onProductUpdated(deps: CartDeps, event: EventOf<typeof ProductUpdated>): Promise<void> {
  const sent = await processOnce(deps.db, `${deps.name}-wishlist`, event, async (tx) => {
    const watched = new Map(
      (
        await watchesOf(
          tx,
          event.data.variants.map((v) => v.sku),
        )
      ).map((w) => [w.sku, w]),
    );
    let alerts = 0;
    for (const v of event.data.variants) {
      const row = watched.get(v.sku);
      if (!row) continue;
      const before = row.prices[v.currency];
      if (before === v.price) continue;
      await tx
        .update(wishlistWatch)
        .set({ prices: { ...row.prices, [v.currency]: v.price }, updatedAt: new Date() })
        .where(eq(wishlistWatch.sku, v.sku));
      if (event.data.status !== "active" || !priceDropped(before, v.price)) continue;
      alerts += await alertWishers(
        tx,
        {
          kind: "price_drop",
          sku: v.sku,
          available: row.available,
          price: v.price,
          previousPrice: before ?? null,
          currency: v.currency,
        },
        event.correlationId,
      );
    }
    return alerts;
  });
  if (sent.done && sent.result > 0) deps.relay.kick();
}

import { OrderPaidEvent, on, processOnce } from "@mercato/events";
import { recordPurchases } from "../app/record-purchases.ts";
import type { CatalogDeps } from "../deps.ts";

/** Each orders.paid, once: who bought which products, for the "verified purchase" badge (#27). */
export function orderPaidHandler(deps: CatalogDeps) {
  return on(OrderPaidEvent, async (event) => {
    await processOnce(deps.db, "catalog", event, (tx) =>
      recordPurchases(tx, {
        orderId: event.data.orderId,
        userId: event.data.userId,
        productIds: event.data.lines.map((l) => l.productId),
        paidAt: new Date(event.occurredAt),
      }),
    );
  });
}

import { CategoryChanged, on, ProductArchived, ProductCreated, ProductUpdated } from "@mercato/events";
import type { EdgeSync } from "../app/edge-sync.ts";

/**
 * Each product event, copied to the edge's D1 replica (#25). The copy is the product's rows as
 * they are when the event is handled (not the event's snapshot), so a redelivered or late event
 * copies the current state again: idempotent, and never older than what D1 holds (edge-replica.ts).
 * A category change copies the category tree the same way.
 */
export function edgeSyncHandlers(edge: EdgeSync) {
  const copy = (event: { data: { productId: string } }) => edge.products([event.data.productId]);
  return [
    on(ProductCreated, copy),
    on(ProductUpdated, copy),
    on(ProductArchived, copy),
    // The tree is small (a few hundred rows at most): every change copies all of it.
    on(CategoryChanged, () => edge.categories()),
  ];
}

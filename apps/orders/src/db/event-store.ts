import type { Database, Tx } from "@mercato/db";
import { and, asc, eq, gt } from "drizzle-orm";
import { type NewOrderEvent, type OrderEvent, parseOrderEvent } from "../domain/events.ts";
import { fold, type OrderState } from "../domain/order.ts";
import type * as schema from "./schema.ts";
import { orderEvents } from "./schema.ts";

type Db = Database<typeof schema>;
type Reader = Db["orm"] | Tx<typeof schema>;

/** An order's events after `afterVersion`, oldest first. */
export async function readOrderEvents(reader: Reader, orderId: string, afterVersion = 0): Promise<OrderEvent[]> {
  const rows = await reader
    .select()
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), gt(orderEvents.version, afterVersion)))
    .orderBy(asc(orderEvents.version));
  return rows.map(parseOrderEvent);
}

/** The order as its events fold, or null when it has none. */
export async function loadOrder(reader: Reader, orderId: string): Promise<OrderState | null> {
  return fold(await readOrderEvents(reader, orderId));
}

/**
 * Appends events as versions `fromVersion + 1...`. If another writer appended after the caller
 * read the order, the unique (order_id, version) index refuses the insert: see isVersionConflict.
 */
export async function insertOrderEvents(
  tx: Tx<typeof schema>,
  orderId: string,
  fromVersion: number,
  events: readonly NewOrderEvent[],
  occurredAt: string,
): Promise<OrderEvent[]> {
  const stored = events.map((e, i) => ({ ...e, version: fromVersion + i + 1, occurredAt }) as OrderEvent);
  await tx
    .insert(orderEvents)
    .values(stored.map((e) => ({ orderId, version: e.version, type: e.type, data: e.data, occurredAt })));
  return stored;
}

/** True when an append lost the race for its version (optimistic concurrency): re-read and retry. */
export function isVersionConflict(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed: order_events\.order_id, order_events\.version/.test(e.message)) return true;
  }
  return false;
}

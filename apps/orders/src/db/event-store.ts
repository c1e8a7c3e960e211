import { type Database, prepareSql, type Tx } from "@mercato/db";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { type NewOrderEvent, type OrderEvent, parseOrderEvent } from "../domain/events.ts";
import { fold, type OrderState } from "../domain/order.ts";
import type * as schema from "./schema.ts";
import { orderEvents } from "./schema.ts";

type Db = Database<typeof schema>;
type Reader = Db["orm"] | Tx<typeof schema>;

// An order is read and appended to on every step of its saga: both statements are built once (prepared.ts).
const eventsAfter = prepareSql<{ orderId: string; afterVersion: number }>((q) =>
  q
    .select({
      type: orderEvents.type,
      data: orderEvents.data,
      version: orderEvents.version,
      occurredAt: orderEvents.occurredAt,
    })
    .from(orderEvents)
    .where(
      and(
        eq(orderEvents.orderId, sql.placeholder("orderId")),
        gt(orderEvents.version, sql.placeholder("afterVersion")),
      ),
    )
    .orderBy(asc(orderEvents.version)),
);
const appendEvent = prepareSql<{ orderId: string; version: number; type: string; data: unknown; occurredAt: string }>(
  (q) =>
    q.insert(orderEvents).values({
      orderId: sql.placeholder("orderId"),
      version: sql.placeholder("version"),
      type: sql.placeholder("type"),
      data: sql.placeholder("data"),
      occurredAt: sql.placeholder("occurredAt"),
    }),
);

/** An event row as the driver returns it: SQL column names, `data` as its JSON text. */
interface EventRow {
  type: string;
  data: string;
  version: number;
  occurred_at: string;
}

/** An order's events after `afterVersion`, oldest first. */
export async function readOrderEvents(reader: Reader, orderId: string, afterVersion = 0): Promise<OrderEvent[]> {
  const rows = await reader.all<EventRow>(eventsAfter.bind({ orderId, afterVersion }));
  return rows.map((r) =>
    parseOrderEvent({ type: r.type, data: JSON.parse(r.data), version: r.version, occurredAt: r.occurred_at }),
  );
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
  // One row per statement, so one statement text serves any number of events; all in the caller's transaction.
  for (const e of stored) {
    await tx.run(appendEvent.bind({ orderId, version: e.version, type: e.type, data: e.data, occurredAt }));
  }
  return stored;
}

/** True when an append lost the race for its version (optimistic concurrency): re-read and retry. */
export function isVersionConflict(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed: order_events\.order_id, order_events\.version/.test(e.message)) return true;
  }
  return false;
}

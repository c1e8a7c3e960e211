/**
 * What raises live staff alerts (#22): inventory's low-stock events, payments' failures (a spike
 * over a sliding window), orders placed and never paid or cancelled (a periodic check), and the
 * dead-letter stream. Each cause raises its alert once (inbox + the alert's dedupe key).
 */
import type { Tx } from "@mercato/db";
import {
  type EventOf,
  type OrderCancelledEvent,
  type OrderPaidEvent,
  type OrderPlacedEvent,
  type PaymentFailed,
  processOnce,
  type StockLow,
} from "@mercato/events";
import { and, asc, count, desc, eq, gt, isNull, lte } from "drizzle-orm";
import type * as schema from "../db/schema.ts";
import { alertOpenOrders, alertPaymentFailures, alerts } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import {
  type DeadLetter,
  deadLetteredAlert,
  isPaymentFailureSpike,
  lowStockAlert,
  paymentFailureSpikeAlert,
  stuckOrderAlert,
} from "../domain/alerts.ts";
import { raiseAlert } from "./alerts.ts";

/** The inbox name of the alert handlers (the email handlers of the same events have their own). */
export const ALERTS_INBOX_CONSUMER = "notifications-alerts";

type Deps = Pick<NotificationsDeps, "db" | "relay" | "env">;

export async function alertOnLowStock(deps: Deps, event: EventOf<typeof StockLow>): Promise<void> {
  await processOnce(deps.db, ALERTS_INBOX_CONSUMER, event, (tx) =>
    raiseAlert(tx as Tx<typeof schema>, lowStockAlert(event.id, event.data)),
  );
  deps.relay.kick();
}

/** Counts the failure; at the limit within the window (and no spike alert in it yet), raises one. */
export async function alertOnPaymentFailed(deps: Deps, event: EventOf<typeof PaymentFailed>): Promise<void> {
  const windowMs = deps.env.ALERT_PAYMENT_FAILURE_WINDOW_SECONDS * 1000;
  await processOnce(deps.db, ALERTS_INBOX_CONSUMER, event, async (anyTx) => {
    const tx = anyTx as Tx<typeof schema>;
    const now = new Date();
    const windowStart = new Date(now.getTime() - windowMs);
    await tx
      .insert(alertPaymentFailures)
      .values({ eventId: event.id, failedAt: new Date(event.occurredAt) })
      .onConflictDoNothing();
    // Failures older than any window we look at are of no more use.
    await tx.delete(alertPaymentFailures).where(lte(alertPaymentFailures.failedAt, windowStart));
    const [seen] = await tx
      .select({ n: count() })
      .from(alertPaymentFailures)
      .where(gt(alertPaymentFailures.failedAt, windowStart));
    const [last] = await tx
      .select({ at: alerts.createdAt })
      .from(alerts)
      .where(eq(alerts.kind, "payment_failure_spike"))
      .orderBy(desc(alerts.createdAt))
      .limit(1);
    const n = seen?.n ?? 0;
    if (isPaymentFailureSpike(n, deps.env.ALERT_PAYMENT_FAILURES, last?.at ?? null, windowStart)) {
      await raiseAlert(tx, paymentFailureSpikeAlert(event.id, n, deps.env.ALERT_PAYMENT_FAILURE_WINDOW_SECONDS), now);
    }
  });
  deps.relay.kick();
}

/** Remembers a placed order until it is paid or cancelled (ids and the number only). */
export async function trackPlacedOrder(deps: Deps, event: EventOf<typeof OrderPlacedEvent>): Promise<void> {
  await processOnce(deps.db, ALERTS_INBOX_CONSUMER, event, (tx) =>
    (tx as Tx<typeof schema>)
      .insert(alertOpenOrders)
      .values({ orderId: event.data.orderId, number: event.data.number, placedAt: new Date(event.occurredAt) })
      .onConflictDoNothing(),
  );
}

/** Paid or cancelled: the order made progress, it is no longer watched. */
export async function untrackOrder(
  deps: Deps,
  event: EventOf<typeof OrderPaidEvent> | EventOf<typeof OrderCancelledEvent>,
): Promise<void> {
  await processOnce(deps.db, ALERTS_INBOX_CONSUMER, event, (tx) =>
    (tx as Tx<typeof schema>).delete(alertOpenOrders).where(eq(alertOpenOrders.orderId, event.data.orderId)),
  );
}

/** One pass of the stuck-order check: alerts each order placed too long ago without progress, once. */
export async function alertStuckOrders(deps: Deps, now = new Date()): Promise<number> {
  const stuckSeconds = deps.env.ALERT_STUCK_ORDER_SECONDS;
  const cutoff = new Date(now.getTime() - stuckSeconds * 1000);
  const raised = await deps.db.write(async (tx) => {
    const due = await tx
      .select()
      .from(alertOpenOrders)
      .where(and(isNull(alertOpenOrders.alertedAt), lte(alertOpenOrders.placedAt, cutoff)))
      .orderBy(asc(alertOpenOrders.placedAt))
      .limit(100);
    for (const order of due) {
      await raiseAlert(tx, stuckOrderAlert(order, stuckSeconds), now);
      await tx.update(alertOpenOrders).set({ alertedAt: now }).where(eq(alertOpenOrders.orderId, order.orderId));
    }
    return due.length;
  });
  if (raised > 0) deps.relay.kick();
  return raised;
}

/** A dead letter becomes an alert (once per consumer and event). */
export async function alertOnDeadLetter(deps: Deps, letter: DeadLetter): Promise<void> {
  await deps.db.write((tx) => raiseAlert(tx, deadLetteredAlert(letter)));
  deps.relay.kick();
}

import type { Tx } from "@mercato/db";
import { type Envelope, enqueue, processOnce } from "@mercato/events";
import { insertOrderEvents, isVersionConflict, loadOrder } from "../db/event-store.ts";
import type * as schema from "../db/schema.ts";
import type { OrdersDeps } from "../deps.ts";
import { OrderNotFoundError } from "../domain/errors.ts";
import type { NewOrderEvent, OrderEvent } from "../domain/events.ts";
import { fold, type OrderState } from "../domain/order.ts";
import { projectOrder } from "../projections/project.ts";
import { integrationEvents } from "./integration.ts";

export interface Committed {
  before: OrderState | null;
  state: OrderState;
  appended: OrderEvent[];
  /** Whether the commit put integration events in the outbox (then the relay has work). */
  enqueued?: boolean;
}

/**
 * Inside one transaction: appends the events after `before`, updates the read model and puts the
 * integration events they announce in the outbox. Either all of it commits or none.
 */
export async function appendInTx(
  tx: Tx<typeof schema>,
  orderId: string,
  before: OrderState | null,
  events: readonly NewOrderEvent[],
  meta: { correlationId?: string; causationId?: string },
): Promise<Committed> {
  const appended = await insertOrderEvents(tx, orderId, before?.version ?? 0, events, new Date().toISOString());
  const state = fold(appended, before);
  if (!state) throw new Error(`order ${orderId} has no OrderPlaced`);
  await projectOrder(tx, state);
  const announced = integrationEvents(state, appended, meta);
  for (const event of announced) await enqueue(tx, event);
  return { before, state, appended, enqueued: announced.length > 0 };
}

/** After a commit: publish the outbox now and tell every instance's listeners. */
export function announce(deps: OrdersDeps, committed: Committed): void {
  if (committed.appended.length === 0) return;
  if (committed.enqueued) deps.relay.kick();
  countOrderFacts(deps, committed);
  const { state, before } = committed;
  deps.live.publish(state.placed.orderId, {
    orderId: state.placed.orderId,
    number: state.placed.number,
    version: state.version,
    status: state.status,
    paymentStatus: state.paymentStatus,
    fulfilmentStatus: state.fulfilmentStatus,
    previousStatus: before?.status ?? null,
    previousPaymentStatus: before?.paymentStatus ?? null,
    previousFulfilmentStatus: before?.fulfilmentStatus ?? null,
    email: state.placed.email,
    total: state.placed.totals.total,
    currency: state.placed.totals.currency,
    at: state.updatedAt,
  });
}

/** The business counters (placed, paid, cancelled, checkout-to-paid), as integrationEvents announces them. */
function countOrderFacts(deps: OrdersDeps, { state, appended }: Committed): void {
  for (const e of appended) {
    if (e.type === "OrderPlaced") deps.metrics.business.order("placed");
    else if (e.type === "StockRejected" || e.type === "OrderCancelled") deps.metrics.business.order("cancelled");
    else if (e.type === "PaymentSucceeded" && !state.cancellation) {
      deps.metrics.business.order("paid");
      deps.metrics.business.checkoutToPaid((Date.now() - Date.parse(state.placedAt)) / 1000);
    }
  }
}

const MAX_ATTEMPTS = 20;

/**
 * Runs a command on an order with optimistic concurrency: read and fold the events (outside the
 * writer, so reads run in parallel), decide, then append at version + 1 in one write. If another
 * writer got there first, the unique (order, version) index refuses the append and the command
 * is decided again on the fresh state, so no event is lost or applied twice.
 *
 * With `cause` (a consumed event), the append is recorded in the inbox in the same transaction:
 * a redelivery changes nothing. `loaded` is the order as the caller just read it, if it did.
 */
export async function execute(
  deps: OrdersDeps,
  orderId: string,
  decide: (state: OrderState) => NewOrderEvent[],
  opts: { cause?: Envelope; correlationId?: string; loaded?: OrderState } = {},
): Promise<Committed> {
  const meta = {
    correlationId: opts.cause?.correlationId ?? opts.correlationId,
    causationId: opts.cause?.id,
  };
  // A state the caller has just loaded saves the first read; if it is stale, the append conflicts
  // and the next attempt reads afresh.
  let loaded = opts.loaded;
  for (let attempt = 1; ; attempt++) {
    const before = loaded ?? (await loadOrder(deps.db.orm, orderId));
    loaded = undefined;
    if (!before) throw new OrderNotFoundError(orderId);
    const events = decide(before);
    if (events.length === 0) return { before, state: before, appended: [] };
    try {
      const write = (tx: Tx<typeof schema>) => appendInTx(tx, orderId, before, events, meta);
      let committed: Committed;
      if (opts.cause) {
        const outcome = await processOnce(deps.db, deps.name, opts.cause, write);
        if (!outcome.done) return { before, state: before, appended: [] };
        committed = outcome.result;
      } else {
        committed = await deps.db.write(write);
      }
      announce(deps, committed);
      return committed;
    } catch (err) {
      if (!isVersionConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
      deps.log.debug({ orderId, attempt }, "order changed meanwhile; deciding again");
    }
  }
}

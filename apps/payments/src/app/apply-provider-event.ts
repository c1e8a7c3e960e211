import type { AnyTx } from "@mercato/db";
import {
  createEvent,
  enqueue,
  PaymentAttemptStarted,
  PaymentFailed,
  PaymentRefunded,
  PaymentSucceeded,
} from "@mercato/events";
import { eq } from "drizzle-orm";
import type { PaymentStatus } from "../contract.ts";
import type { PaymentRow } from "../db/queries.ts";
import { payments, refunds, webhookEvents } from "../db/schema.ts";
import type { PaymentsDeps } from "../deps.ts";
import { type AttemptOutcome, isNewAttempt, isRefundable, pathTo } from "../domain/payment-status.ts";
import { statusAfterRefund } from "../domain/refunds.ts";
import type { ProviderEvent } from "../provider/types.ts";
import { eventMeta, paymentRef } from "./event-meta.ts";

export type ApplyResult =
  /** No payment has this intent: nothing was written. */
  | { outcome: "unknown_intent" }
  /** This webhook event id was applied before: nothing changed. */
  | { outcome: "duplicate"; status: PaymentStatus }
  /** The fact no longer applies (late or repeated notice): recorded, nothing changed. */
  | { outcome: "ignored"; status: PaymentStatus }
  /** Money received that is not what the payment asked for (amount or currency): nothing changed. */
  | { outcome: "mismatch"; status: PaymentStatus; reason: string }
  | { outcome: "applied"; status: PaymentStatus };

const ATTEMPT_OUTCOMES: Record<Exclude<ProviderEvent["type"], "charge.refunded">, AttemptOutcome> = {
  "payment_intent.processing": "processing",
  "payment_intent.requires_action": "requires_action",
  "payment_intent.succeeded": "succeeded",
  "payment_intent.payment_failed": "failed",
};

/**
 * The one place a provider's facts change a payment: verified Stripe webhooks and the embedded
 * test provider both come here, so both take exactly the same path to the same events.
 * A webhook's event id is recorded in the same transaction, so a replay changes nothing.
 */
export async function applyProviderEvent(
  deps: PaymentsDeps,
  event: ProviderEvent,
  webhook?: { id: string; type: string },
  /**
   * `newAttempt`: the shopper started this attempt with a card (the test provider's confirm, a
   * saved card): it counts as an attempt even over a pending authentication step, which it
   * abandons. Provider notices (webhooks) leave it unset: their outcome may be the step's own.
   */
  options: { newAttempt?: boolean } = {},
): Promise<ApplyResult> {
  const result = await deps.db.write(async (tx): Promise<ApplyResult> => {
    const [payment] = await tx.select().from(payments).where(eq(payments.intentId, event.intentId));
    if (!payment) return { outcome: "unknown_intent" };
    if (webhook) {
      const fresh = await tx
        .insert(webhookEvents)
        .values({ id: webhook.id, type: webhook.type, intentId: event.intentId, receivedAt: new Date() })
        .onConflictDoNothing()
        .returning({ id: webhookEvents.id });
      if (fresh.length === 0) return { outcome: "duplicate", status: payment.status };
    }
    return event.type === "charge.refunded"
      ? applyRefundTotal(tx, payment, event.amountRefunded)
      : applyAttempt(tx, payment, event, options.newAttempt === true);
  });
  if (result.outcome === "unknown_intent") {
    deps.log.warn({ intentId: event.intentId, type: event.type }, "provider event for an unknown intent; ignored");
  } else if (result.outcome === "ignored") {
    deps.log.info(
      { intentId: event.intentId, type: event.type, status: result.status },
      "provider event no longer applies",
    );
  } else if (result.outcome === "mismatch") {
    deps.log.error(
      { intentId: event.intentId, type: event.type, status: result.status, reason: result.reason },
      "provider reported a payment that does not match; refused",
    );
  } else if (result.outcome === "applied") {
    deps.relay.kick();
  }
  return result;
}

async function applyAttempt(
  tx: AnyTx,
  payment: PaymentRow,
  event: Exclude<ProviderEvent, { type: "charge.refunded" }>,
  startedByShopper: boolean,
): Promise<ApplyResult> {
  if (event.type === "payment_intent.succeeded") {
    const reason = receivedMismatch(payment, event);
    if (reason) return { outcome: "mismatch", status: payment.status, reason };
  }
  const outcome = ATTEMPT_OUTCOMES[event.type];
  // A shopper's new card over a pending step goes through processing again (a new attempt), so
  // even a second 3-D Secure card asks for its own step.
  const path =
    startedByShopper && payment.status === "requires_action" && outcome !== "processing"
      ? ["processing" as const, outcome]
      : pathTo(payment.status, outcome);
  if (!path) return { outcome: "ignored", status: payment.status };
  const status = path.at(-1) ?? payment.status;
  const now = new Date();
  // Leaving requires_payment or failed for processing is a new attempt; resuming after the extra
  // step is not, unless the shopper started it with a card (abandoning the step).
  const newAttempt = path[0] === "processing" && isNewAttempt(payment.status, startedByShopper);
  await tx
    .update(payments)
    .set({
      status,
      attempts: newAttempt ? payment.attempts + 1 : payment.attempts,
      failureCode: event.type === "payment_intent.payment_failed" ? event.code : null,
      failureMessage: event.type === "payment_intent.payment_failed" ? event.message : null,
      succeededAt: status === "succeeded" ? now : payment.succeededAt,
      updatedAt: now,
    })
    .where(eq(payments.id, payment.id));
  // A new attempt (or its authentication step) tells inventory to keep the stock while it runs.
  // Not one that succeeded in this same step (a card without 3-D Secure, the test provider):
  // payments.succeeded, published with it, settles the reservation, so the notice would only be
  // one more event through the bus and one more inventory write per checkout.
  if ((newAttempt || status === "requires_action") && status !== "succeeded") {
    await enqueue(tx, createEvent(PaymentAttemptStarted, paymentRef(payment), eventMeta(payment)));
  }
  if (event.type === "payment_intent.succeeded") {
    await enqueue(
      tx,
      createEvent(
        PaymentSucceeded,
        { ...paymentRef(payment), amount: payment.amount, currency: payment.currency },
        eventMeta(payment),
      ),
    );
  } else if (event.type === "payment_intent.payment_failed") {
    await enqueue(
      tx,
      createEvent(
        PaymentFailed,
        { ...paymentRef(payment), code: event.code, reason: event.message },
        eventMeta(payment),
      ),
    );
  }
  return { outcome: "applied", status };
}

/** Why a success does not settle this payment (another amount or currency), or null when it does. */
function receivedMismatch(payment: PaymentRow, event: { amount: number; currency: string }): string | null {
  if (event.currency.toUpperCase() !== payment.currency) {
    return `currency: received ${event.currency.toUpperCase()}, the payment is in ${payment.currency}`;
  }
  if (event.amount !== payment.amount)
    return `amount: received ${event.amount}, the payment asked for ${payment.amount}`;
  return null;
}

/**
 * The provider's running refund total. Refunds we started are already counted (confirmed or in
 * flight); anything beyond was refunded outside our API (e.g. the Stripe dashboard) and is
 * recorded now, so our books match the provider's.
 */
async function applyRefundTotal(tx: AnyTx, payment: PaymentRow, amountRefunded: number): Promise<ApplyResult> {
  const known = payment.refundedAmount + payment.refundPendingAmount;
  const outside = Math.min(amountRefunded, payment.amount) - known;
  if (outside <= 0 || !isRefundable(payment.status)) {
    return { outcome: "ignored", status: payment.status };
  }
  const now = new Date();
  const refundedTotal = payment.refundedAmount + outside;
  const status = statusAfterRefund(payment.amount, refundedTotal);
  const refundId = `ref_${Bun.randomUUIDv7()}`;
  await tx.insert(refunds).values({
    id: refundId,
    paymentId: payment.id,
    amount: outside,
    reason: "refunded at the provider",
    idempotencyKey: `provider-total:${amountRefunded}`,
    providerRefundId: null,
    status: "succeeded",
    source: "provider",
    createdAt: now,
    updatedAt: now,
  });
  await tx
    .update(payments)
    .set({ refundedAmount: refundedTotal, status, updatedAt: now })
    .where(eq(payments.id, payment.id));
  await enqueue(
    tx,
    createEvent(
      PaymentRefunded,
      {
        ...paymentRef(payment),
        refundId,
        amount: outside,
        currency: payment.currency,
        refundedTotal,
        full: status === "refunded",
      },
      eventMeta(payment),
    ),
  );
  return { outcome: "applied", status };
}

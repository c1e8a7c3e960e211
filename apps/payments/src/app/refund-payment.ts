import { createEvent, enqueue, PaymentRefunded } from "@mercato/events";
import { conflict, invalid } from "@mercato/kit";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { RefundAnswer, refundInput } from "../contract.ts";
import { type PaymentRow, paymentByOrder, type RefundRow } from "../db/queries.ts";
import { payments, refunds } from "../db/schema.ts";
import type { PaymentsDeps } from "../deps.ts";
import { refundAmount, statusAfterRefund } from "../domain/refunds.ts";
import { ProviderError } from "../provider/types.ts";
import { eventMeta, paymentRef } from "./event-meta.ts";
import { noPaymentFor } from "./read-payments.ts";

type RefundInput = z.output<typeof refundInput>;

/**
 * Refunds in three steps so that concurrent requests can never give back more than was captured:
 * 1. reserve the amount under an SQL guard (captured − refunded − in flight ≥ amount);
 * 2. ask the provider, with an idempotency key per refund;
 * 3. confirm (refunded += amount, event) or release the reservation if the provider refused.
 * The same idempotency key returns the same refund; if step 2 was interrupted, it resumes it.
 * A refund takes from one payment of the order (`purpose`/`reference`, default the checkout
 * payment) and never more than that payment's remainder: it does not spill into another payment.
 */
export async function refundPayment(deps: PaymentsDeps, input: RefundInput): Promise<RefundAnswer> {
  const found = await paymentByOrder(deps.db, input.orderId, { purpose: input.purpose, reference: input.reference });
  if (!found) throw noPaymentFor(input.orderId, input);

  const { payment, refund } = await reserve(deps, found.id, input);
  if (refund.status === "succeeded") return answer(payment, refund);
  if (refund.status === "failed") {
    throw conflict(
      "idempotencyKey",
      "the refund with this key was refused by the provider; use a new key to try again",
    );
  }

  let providerAnswer: Awaited<ReturnType<PaymentsDeps["provider"]["refund"]>>;
  try {
    providerAnswer = await deps.provider.refund({
      intentId: payment.intentId,
      orderId: payment.orderId,
      amount: refund.amount,
      reason: refund.reason,
      idempotencyKey: `mercato-refund-${refund.id}`,
    });
  } catch (err) {
    // A refusal frees the money; an outage leaves it reserved, since the provider may have
    // refunded: a retry with the same key asks again under the same idempotency key.
    if (err instanceof ProviderError) await settle(deps, refund.id, null);
    throw err;
  }
  const settled = await settle(deps, refund.id, providerAnswer);
  deps.metrics.business.refund(settled.refund.status === "failed" ? "failed" : "succeeded");
  if (settled.refund.status === "failed") {
    throw new ProviderError("amount: the provider refused the refund");
  }
  return answer(settled.payment, settled.refund);
}

function answer(payment: PaymentRow, refund: RefundRow): RefundAnswer {
  return {
    refundId: refund.id,
    paymentId: payment.id,
    amount: refund.amount,
    refundedTotal: payment.refundedAmount,
    status: payment.status,
  };
}

async function reserve(deps: PaymentsDeps, paymentId: string, input: RefundInput) {
  return deps.db.write(async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId));
    if (!payment) throw new Error(`payment ${paymentId} vanished`);
    const [existing] = await tx
      .select()
      .from(refunds)
      .where(and(eq(refunds.paymentId, paymentId), eq(refunds.idempotencyKey, input.idempotencyKey)));
    if (existing) {
      if (input.amount !== undefined && input.amount !== existing.amount) {
        throw conflict("idempotencyKey", `already used for a refund of ${existing.amount}`);
      }
      return { payment, refund: existing };
    }

    const amount = refundAmount(
      {
        status: payment.status,
        amount: payment.amount,
        refunded: payment.refundedAmount,
        pending: payment.refundPendingAmount,
      },
      input.amount,
    );

    // The guard itself: the row changes only if the money is still there, whoever else is refunding.
    const claimed = await tx
      .update(payments)
      .set({ refundPendingAmount: sql`${payments.refundPendingAmount} + ${amount}`, updatedAt: new Date() })
      .where(
        and(
          eq(payments.id, paymentId),
          inArray(payments.status, ["succeeded", "partially_refunded"]),
          sql`${payments.amount} - ${payments.refundedAmount} - ${payments.refundPendingAmount} >= ${amount}`,
        ),
      )
      .returning({ id: payments.id });
    if (claimed.length === 0) {
      throw invalid("amount", `${amount} is more than is left to refund`);
    }
    const now = new Date();
    const [refund] = await tx
      .insert(refunds)
      .values({
        id: `ref_${Bun.randomUUIDv7()}`,
        paymentId,
        amount,
        reason: input.reason,
        idempotencyKey: input.idempotencyKey,
        status: "pending",
        source: "api",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return { payment, refund: refund! };
  });
}

/** Confirms or releases a reserved refund, once: a second settle of the same refund changes nothing. */
async function settle(
  deps: PaymentsDeps,
  refundId: string,
  providerAnswer: Awaited<ReturnType<PaymentsDeps["provider"]["refund"]>> | null,
) {
  const result = await deps.db.write(async (tx) => {
    const now = new Date();
    // A provider's "pending" refund (slower methods) is accepted and settles on its side: counted as given back.
    const succeeded = providerAnswer !== null && providerAnswer.status !== "failed";
    const [refund] = await tx
      .update(refunds)
      .set({
        status: succeeded ? "succeeded" : "failed",
        providerRefundId: providerAnswer?.providerRefundId ?? null,
        updatedAt: now,
      })
      .where(and(eq(refunds.id, refundId), eq(refunds.status, "pending")))
      .returning();
    if (!refund) {
      const [current] = await tx.select().from(refunds).where(eq(refunds.id, refundId));
      const [payment] = await tx.select().from(payments).where(eq(payments.id, current!.paymentId));
      return { payment: payment!, refund: current!, changed: false };
    }
    const [before] = await tx.select().from(payments).where(eq(payments.id, refund.paymentId));
    const payment = before!;
    const refundedTotal = payment.refundedAmount + (succeeded ? refund.amount : 0);
    const status = succeeded ? statusAfterRefund(payment.amount, refundedTotal) : payment.status;
    const [after] = await tx
      .update(payments)
      .set({
        refundPendingAmount: payment.refundPendingAmount - refund.amount,
        refundedAmount: refundedTotal,
        status,
        updatedAt: now,
      })
      .where(eq(payments.id, payment.id))
      .returning();
    if (succeeded) {
      await enqueue(
        tx,
        createEvent(
          PaymentRefunded,
          {
            ...paymentRef(payment),
            refundId: refund.id,
            amount: refund.amount,
            currency: payment.currency,
            refundedTotal,
            full: status === "refunded",
          },
          eventMeta(payment),
        ),
      );
    }
    return { payment: after!, refund, changed: succeeded };
  });
  if (result.changed) deps.relay.kick();
  return result;
}

import { conflict } from "@mercato/kit";
import type { z } from "zod";
import type { createIntentInput, IntentAnswer } from "../contract.ts";
import { type PaymentRow, paymentByOrder, referenceOf, slotWhere, storedReference } from "../db/queries.ts";
import { payments } from "../db/schema.ts";
import type { PaymentsDeps } from "../deps.ts";

type Input = z.output<typeof createIntentInput>;

/**
 * One payment per (order, purpose, reference): the checkout payment, and one per exchange (its
 * reference is the return id). Asking again (a saga retry, a redelivered event) returns the same
 * payment, and after a decline that same payment is tried again. The provider call carries an
 * idempotency key derived from the order and the slot, so a crash between it and our insert
 * never makes a second intent.
 */
export async function createIntent(deps: PaymentsDeps, input: Input): Promise<IntentAnswer> {
  const slot = { purpose: input.purpose, reference: input.reference };
  const existing = await paymentByOrder(deps.db, input.orderId, slot);
  if (existing) return answer(existing, input);

  const intent = await deps.provider.createIntent({
    orderId: input.orderId,
    amount: input.amount,
    currency: input.currency,
    email: input.email,
    // The checkout payment keeps the key it always had, so intents made before exchanges existed still match.
    idempotencyKey:
      input.purpose === "order"
        ? `mercato-intent-${input.orderId}`
        : `mercato-intent-${input.orderId}-${input.purpose}-${input.reference}`,
  });
  const now = new Date();
  const row = await deps.db.write(async (tx) => {
    const [inserted] = await tx
      .insert(payments)
      .values({
        id: `pay_${Bun.randomUUIDv7()}`,
        orderId: input.orderId,
        purpose: input.purpose,
        reference: storedReference(input.reference),
        userId: input.userId,
        email: input.email,
        amount: input.amount,
        currency: input.currency,
        provider: deps.provider.name,
        intentId: intent.intentId,
        clientSecret: intent.clientSecret,
        status: "requires_payment",
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted) return inserted;
    // A concurrent request for the same order and slot won the insert: answer with its payment.
    const [winner] = await tx.select().from(payments).where(slotWhere(input.orderId, slot));
    return winner;
  });
  if (!row) throw new Error(`intent ${intent.intentId} collided with another order's payment`);
  return answer(row, input);
}

function answer(row: PaymentRow, input: Input): IntentAnswer {
  if (row.amount !== input.amount || row.currency !== input.currency) {
    const what = row.purpose === "order" ? "a payment" : `an ${row.purpose} payment for ${row.reference}`;
    throw conflict("amount", `order ${input.orderId} already has ${what} of ${row.amount} ${row.currency}`);
  }
  return {
    paymentId: row.id,
    purpose: row.purpose,
    reference: referenceOf(row),
    provider: row.provider,
    clientSecret: row.clientSecret,
    status: row.status,
  };
}

import { conflict } from "@mercato/kit";
import { eq } from "drizzle-orm";
import type { CreateIntentInput, IntentAnswer } from "../contract.ts";
import { type PaymentRow, paymentByOrder } from "../db/queries.ts";
import { payments } from "../db/schema.ts";
import type { PaymentsDeps } from "../deps.ts";

/**
 * One payment per order: asking again (a saga retry, a redelivered event) returns the same
 * payment, and after a decline that same payment is tried again. The provider call carries an
 * idempotency key derived from the order, so a crash between it and our insert never makes a
 * second intent.
 */
export async function createIntent(deps: PaymentsDeps, input: CreateIntentInput): Promise<IntentAnswer> {
  const existing = await paymentByOrder(deps.db, input.orderId);
  if (existing) return answer(existing, input);

  const intent = await deps.provider.createIntent({
    orderId: input.orderId,
    amount: input.amount,
    currency: input.currency,
    email: input.email,
    idempotencyKey: `mercato-intent-${input.orderId}`,
  });
  const now = new Date();
  const row = await deps.db.write(async (tx) => {
    const [inserted] = await tx
      .insert(payments)
      .values({
        id: `pay_${Bun.randomUUIDv7()}`,
        orderId: input.orderId,
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
    // A concurrent request for the same order won the insert: answer with its payment.
    const [winner] = await tx.select().from(payments).where(eq(payments.orderId, input.orderId));
    return winner;
  });
  if (!row) throw new Error(`intent ${intent.intentId} collided with another order's payment`);
  return answer(row, input);
}

function answer(row: PaymentRow, input: CreateIntentInput): IntentAnswer {
  if (row.amount !== input.amount || row.currency !== input.currency) {
    throw conflict("amount", `order ${input.orderId} already has a payment of ${row.amount} ${row.currency}`);
  }
  return { paymentId: row.id, provider: row.provider, clientSecret: row.clientSecret, status: row.status };
}

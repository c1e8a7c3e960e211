import { conflict } from "@mercato/kit";
import { eq } from "drizzle-orm";
import type { CreateIntentInput, IntentAnswer } from "../contract.ts";
import { type PaymentRow, paymentByOrder } from "../db/queries.ts";
import { payments } from "../db/schema.ts";
import type { PaymentsDeps } from "../deps.ts";
import { customerOf } from "./customers.ts";
import { attemptWithSaved, ownMethod, type SavedMethodRow } from "./saved-methods.ts";

/**
 * One payment per order: asking again (a saga retry, a redelivered event) returns the same
 * payment, and after a decline that same payment is tried again. The provider call carries an
 * idempotency key derived from the order, so a crash between it and our insert never makes a
 * second intent.
 */
export async function createIntent(deps: PaymentsDeps, input: CreateIntentInput): Promise<IntentAnswer> {
  const existing = await paymentByOrder(deps.db, input.orderId);
  if (existing) return answer(existing, input);

  // A saved method chosen at checkout (#20), if it is still the user's own.
  const saved = await savedMethodFor(deps, input);
  const intent = await deps.provider.createIntent({
    orderId: input.orderId,
    amount: input.amount,
    currency: input.currency,
    email: input.email,
    idempotencyKey: `mercato-intent-${input.orderId}`,
    ...(saved?.customer ? { customerId: saved.customer.customerId } : {}),
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
    if (inserted) return { ...inserted, fresh: true };
    // A concurrent request for the same order won the insert: answer with its payment.
    const [winner] = await tx.select().from(payments).where(eq(payments.orderId, input.orderId));
    return winner;
  });
  if (!row) throw new Error(`intent ${intent.intentId} collided with another order's payment`);
  if (saved && "fresh" in row) return answer(await payNowWith(deps, row, saved.method), input);
  return answer(row, input);
}

async function savedMethodFor(deps: PaymentsDeps, input: CreateIntentInput) {
  if (!input.paymentMethodId || !input.userId) return null;
  const method = await ownMethod(deps, input.userId, input.paymentMethodId).catch(() => null);
  if (!method) {
    deps.log.info({ orderId: input.orderId }, "the saved method chosen at checkout is gone; the shopper pays as usual");
    return null;
  }
  return { method, customer: await customerOf(deps, input.userId) };
}

/**
 * The first attempt, with the saved method. A failure here (Stripe away) leaves the payment
 * payable as usual: the shopper is asked for a card instead, so the saga never retries for it.
 */
async function payNowWith(deps: PaymentsDeps, row: PaymentRow, method: SavedMethodRow): Promise<PaymentRow> {
  try {
    await attemptWithSaved(deps, row, method);
  } catch (err) {
    deps.log.warn({ err, orderId: row.orderId }, "paying with the saved method failed; the shopper pays as usual");
  }
  return (await paymentByOrder(deps.db, row.orderId)) ?? row;
}

function answer(row: PaymentRow, input: CreateIntentInput): IntentAnswer {
  if (row.amount !== input.amount || row.currency !== input.currency) {
    throw conflict("amount", `order ${input.orderId} already has a payment of ${row.amount} ${row.currency}`);
  }
  return { paymentId: row.id, provider: row.provider, clientSecret: row.clientSecret, status: row.status };
}

import { type AuthUser, forbidden, invalid, notFound } from "@mercato/kit";
import { and, desc, eq, sql } from "drizzle-orm";
import type {
  PaymentMethodRefInput,
  PayWithSavedInput,
  SavedMethodView,
  SavedPayAnswer,
  SetupTestInput,
} from "../contract.ts";
import type { PaymentRow } from "../db/queries.ts";
import { customers, payments, savedMethods } from "../db/schema.ts";
import type { PaymentsDeps } from "../deps.ts";
import { cardProblem } from "../domain/card-checks.ts";
import { canAttempt } from "../domain/payment-status.ts";
import { testCardOutcome } from "../domain/test-cards.ts";
import { deleteCustomer, detachMethod, payWithSavedMethod } from "../provider/stripe-methods.ts";
import { testCardFacts, testMethodId } from "../provider/test-methods.ts";
import type { ProviderEvent } from "../provider/types.ts";
import { customerOf, ensureCustomer } from "./customers.ts";
import { heldPayment, notPayable, report } from "./test-checkout.ts";

/**
 * Saved payment methods (#20): an account lists, saves (test provider here; Stripe through
 * setup-intents.ts), removes and pays with its own cards. Someone else's method is
 * indistinguishable from none: 404 naming `paymentMethodId`.
 */
export type SavedMethodRow = typeof savedMethods.$inferSelect;

function view(row: SavedMethodRow): SavedMethodView {
  return {
    id: row.id,
    provider: row.provider,
    brand: row.brand,
    last4: row.last4,
    expMonth: row.expMonth,
    expYear: row.expYear,
    createdAt: row.createdAt,
  };
}

export async function listSavedMethods(deps: PaymentsDeps, user: AuthUser): Promise<SavedMethodView[]> {
  const rows = await deps.db.orm
    .select()
    .from(savedMethods)
    .where(and(eq(savedMethods.userId, user.id), eq(savedMethods.provider, deps.provider.name)))
    .orderBy(desc(savedMethods.createdAt), desc(savedMethods.id));
  return rows.map(view);
}

/** The user's own method, or a 404 naming `paymentMethodId` (another account's looks like none). */
export async function ownMethod(deps: PaymentsDeps, userId: string, paymentMethodId: string): Promise<SavedMethodRow> {
  const [row] = await deps.db.orm
    .select()
    .from(savedMethods)
    .where(and(eq(savedMethods.id, paymentMethodId), eq(savedMethods.userId, userId)));
  if (!row || row.provider !== deps.provider.name) {
    throw notFound("paymentMethodId", `no saved payment method ${paymentMethodId}`);
  }
  return row;
}

/** Records a card the provider saved for the account; the same provider method twice is one row. */
export async function recordMethod(
  deps: PaymentsDeps,
  method: {
    userId: string;
    providerMethodId: string;
    brand: string;
    last4: string;
    expMonth: number;
    expYear: number;
    testCard?: string;
  },
): Promise<SavedMethodRow> {
  return deps.db.write(async (tx) => {
    await tx
      .insert(savedMethods)
      .values({
        id: `spm_${Bun.randomUUIDv7()}`,
        userId: method.userId,
        provider: deps.provider.name,
        providerMethodId: method.providerMethodId,
        brand: method.brand,
        last4: method.last4,
        expMonth: method.expMonth,
        expYear: method.expYear,
        testCard: method.testCard ?? null,
        createdAt: new Date(),
      })
      .onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(savedMethods)
      .where(eq(savedMethods.providerMethodId, method.providerMethodId));
    if (!row) throw new Error(`saved method ${method.providerMethodId} was not recorded`);
    return row;
  });
}

/**
 * Saves a test card, as a Stripe SetupIntent would: details checked as confirmTest checks them,
 * and a card that declines (any number that is not a test card, too) is not saved. A 3-D Secure
 * card is saved: each payment with it asks for the step again.
 */
export async function setupTestMethod(
  deps: PaymentsDeps,
  user: AuthUser,
  input: SetupTestInput,
): Promise<SavedMethodView> {
  if (deps.provider.name !== "test") {
    throw invalid("card", "test cards are not accepted; this shop saves cards through Stripe");
  }
  const problem = cardProblem(input.card, new Date());
  if (problem) throw invalid(problem.field, `${problem.reason} (${problem.code})`);
  const facts = testCardFacts(input.card);
  const outcome = testCardOutcome(facts.digits);
  if (outcome.kind === "declined") throw invalid("card.number", `${outcome.message} (${outcome.code})`);
  await ensureCustomer(deps, user.id);
  const row = await recordMethod(deps, {
    userId: user.id,
    providerMethodId: testMethodId(),
    brand: facts.brand,
    last4: facts.last4,
    expMonth: facts.expMonth,
    expYear: facts.expYear,
    testCard: facts.digits,
  });
  return view(row);
}

/** Removes one of the account's methods: detached at Stripe first, then forgotten here. */
export async function removeSavedMethod(
  deps: PaymentsDeps,
  user: AuthUser,
  input: PaymentMethodRefInput,
): Promise<{ removed: true }> {
  const row = await ownMethod(deps, user.id, input.paymentMethodId);
  if (deps.stripe && row.provider === "stripe") await detachMethod(deps.stripe, row.providerMethodId);
  await deps.db.write((tx) => tx.delete(savedMethods).where(eq(savedMethods.id, row.id)));
  return { removed: true };
}

/**
 * Pays an order's payment with a saved method, no card typed. The caller holds the payment's
 * client secret, and the signed-in user owns the payment and the method. Test provider: the saved
 * test card's outcome is reported exactly as confirmTest reports a typed one. Stripe: the
 * PaymentIntent gets the customer and the method and is confirmed; the webhook moves the payment.
 */
export async function payWithSaved(
  deps: PaymentsDeps,
  user: AuthUser,
  input: PayWithSavedInput,
): Promise<SavedPayAnswer> {
  const payment = await heldPayment(deps, input.paymentId, input.clientSecret);
  if (payment.userId !== user.id) {
    throw forbidden("paymentId", "a saved payment method pays only its own account's orders");
  }
  const method = await ownMethod(deps, user.id, input.paymentMethodId);
  if (!canAttempt(payment.status)) throw notPayable(payment.status);

  return attemptWithSaved(deps, payment, method, input.returnUrl);
}

/**
 * One payment attempt with a saved method (the pay step, or createIntent for a checkout that chose
 * one). Test provider: the saved test card's outcome is reported exactly as confirmTest reports a
 * typed one. Stripe: the PaymentIntent gets the customer and the method and is confirmed.
 */
export async function attemptWithSaved(
  deps: PaymentsDeps,
  payment: PaymentRow,
  method: SavedMethodRow,
  returnUrl?: string,
): Promise<SavedPayAnswer> {
  if (deps.stripe) {
    const customer = await customerOf(deps, method.userId);
    if (!customer) throw notFound("paymentMethodId", `no saved payment method ${method.id}`);
    const outcome = await payWithSavedMethod(deps.stripe, {
      intentId: payment.intentId,
      customerId: customer.customerId,
      paymentMethodId: method.providerMethodId,
      ...(returnUrl ? { returnUrl } : {}),
    });
    return outcome.status === "failed"
      ? { status: "failed", declineCode: outcome.declineCode, message: outcome.message }
      : { status: outcome.status };
  }

  const outcome = testCardOutcome(method.testCard ?? "");
  const intentId = payment.intentId;
  const event: ProviderEvent =
    outcome.kind === "succeeded"
      ? { type: "payment_intent.succeeded", intentId, amount: payment.amount, currency: payment.currency }
      : outcome.kind === "requires_action"
        ? { type: "payment_intent.requires_action", intentId }
        : { type: "payment_intent.payment_failed", intentId, code: outcome.code, message: outcome.message };
  return report(deps, event, { newAttempt: true });
}

/** For orders' checkout: the user's own method, or a 404 naming `paymentMethodId`. */
export async function savedMethodOfUser(
  deps: PaymentsDeps,
  input: { userId: string; paymentMethodId: string },
): Promise<SavedMethodView> {
  return view(await ownMethod(deps, input.userId, input.paymentMethodId));
}

/** Where a deleted account's email was on a payment. */
export const ANONYMIZED_EMAIL = "deleted-user@anonymized.invalid";

/**
 * An account was deleted (identity.user.deleted.v1): its methods are detached at Stripe and
 * deleted, the Stripe customer deleted and forgotten, and the email on its payments (and on guest
 * payments made with that address) replaced; the payments keep their amounts for the books.
 * Safe to run again: what is gone stays gone.
 */
export async function forgetUser(deps: PaymentsDeps, userId: string, email: string): Promise<void> {
  const methods = await deps.db.orm.select().from(savedMethods).where(eq(savedMethods.userId, userId));
  const customer = await customerOf(deps, userId);
  if (deps.stripe) {
    for (const m of methods) if (m.provider === "stripe") await detachMethod(deps.stripe, m.providerMethodId);
    if (customer?.provider === "stripe") await deleteCustomer(deps.stripe, customer.customerId);
  }
  await deps.db.write(async (tx) => {
    await tx.delete(savedMethods).where(eq(savedMethods.userId, userId));
    await tx.delete(customers).where(eq(customers.userId, userId));
    await tx
      .update(payments)
      .set({ email: ANONYMIZED_EMAIL, updatedAt: new Date() })
      .where(sql`${payments.userId} = ${userId} or lower(${payments.email}) = ${email.trim().toLowerCase()}`);
  });
  deps.log.info({ userId, methods: methods.length, customer: Boolean(customer) }, "deleted account forgotten");
}

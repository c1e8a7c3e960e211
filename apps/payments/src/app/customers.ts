import { eq } from "drizzle-orm";
import { customers } from "../db/schema.ts";
import type { PaymentsDeps } from "../deps.ts";
import { createCustomer } from "../provider/stripe-methods.ts";
import { testCustomerId } from "../provider/test-methods.ts";

export type CustomerRow = typeof customers.$inferSelect;

export async function customerOf(deps: PaymentsDeps, userId: string): Promise<CustomerRow | undefined> {
  const [row] = await deps.db.orm.select().from(customers).where(eq(customers.userId, userId));
  return row;
}

export async function customerByProviderId(deps: PaymentsDeps, customerId: string): Promise<CustomerRow | undefined> {
  const [row] = await deps.db.orm.select().from(customers).where(eq(customers.customerId, customerId));
  return row;
}

/**
 * The account's one provider customer, made on first need. Stripe's create carries an
 * idempotency key per user, so two first saves at once make one Stripe customer; the insert
 * keeps the first row either way.
 */
export async function ensureCustomer(deps: PaymentsDeps, userId: string): Promise<CustomerRow> {
  const known = await customerOf(deps, userId);
  if (known) return known;
  const customerId = deps.stripe ? await createCustomer(deps.stripe, userId) : testCustomerId();
  return deps.db.write(async (tx) => {
    await tx
      .insert(customers)
      .values({ userId, provider: deps.provider.name, customerId, createdAt: new Date() })
      .onConflictDoNothing();
    const [row] = await tx.select().from(customers).where(eq(customers.userId, userId));
    if (!row) throw new Error(`customer of ${userId} was not recorded`);
    return row;
  });
}

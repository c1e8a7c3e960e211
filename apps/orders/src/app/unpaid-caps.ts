import type { Tx } from "@mercato/db";
import { DomainError } from "@mercato/kit";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { OrderStatus } from "../contract.ts";
import type * as schema from "../db/schema.ts";
import { checkoutKeys, orderViews } from "../db/schema.ts";
import type { OrdersEnv } from "../env.ts";

/** Orders that still hold stock without having been paid. */
const UNPAID: OrderStatus[] = ["PENDING"];

export interface Placer {
  /** The client address the gateway saw; null for a call that did not come through it. */
  clientAddress: string | null;
  /** `user:<id>` or `email:<address>`: the checkout scope. */
  scope: string;
  email: string;
  cartId: string | null;
  units: number;
}

type Limits = Pick<
  OrdersEnv,
  | "CHECKOUT_MAX_UNPAID_PER_ADDRESS"
  | "CHECKOUT_MAX_UNPAID_PER_EMAIL"
  | "CHECKOUT_MAX_UNPAID_PER_CART"
  | "CHECKOUT_MAX_UNPAID_UNITS"
>;

const tooMany = (field: string, reason: string) => new DomainError("too_many", field, reason);

/**
 * Refuses a checkout that would take the placer over a cap on unpaid orders (per client address,
 * per email or signed-in user, per cart) or on the units those orders hold. Runs inside the
 * placing write transaction, so concurrent checkouts from one client cannot all slip under a cap.
 */
export async function enforceUnpaidCaps(tx: Tx<typeof schema>, placer: Placer, limits: Limits): Promise<void> {
  const unpaidWhere = async (who: ReturnType<typeof eq>) => {
    const [row] = await tx
      .select({ orders: count(), units: sql<number>`coalesce(sum(${checkoutKeys.units}), 0)` })
      .from(checkoutKeys)
      .innerJoin(orderViews, eq(orderViews.id, checkoutKeys.orderId))
      .where(and(who, inArray(orderViews.status, UNPAID)));
    return { orders: row?.orders ?? 0, units: Number(row?.units ?? 0) };
  };
  const units = limits.CHECKOUT_MAX_UNPAID_UNITS;
  if (placer.units > units) {
    throw tooMany("lines", `an order holds at most ${units} units until it is paid`);
  }
  if (placer.clientAddress) {
    const held = await unpaidWhere(eq(checkoutKeys.clientAddress, placer.clientAddress));
    const max = limits.CHECKOUT_MAX_UNPAID_PER_ADDRESS;
    if (held.orders >= max) {
      throw tooMany("clientAddress", `at most ${max} unpaid orders from one address: pay or cancel one first`);
    }
    if (held.units + placer.units > units) {
      throw tooMany("lines", `unpaid orders from one address hold at most ${units} units: pay or cancel one first`);
    }
  }
  const email = placer.email.trim().toLowerCase();
  for (const who of [
    eq(checkoutKeys.email, email),
    ...(placer.scope.startsWith("user:") ? [eq(checkoutKeys.scope, placer.scope)] : []),
  ]) {
    const held = await unpaidWhere(who);
    const max = limits.CHECKOUT_MAX_UNPAID_PER_EMAIL;
    if (held.orders >= max) {
      throw tooMany("email", `at most ${max} unpaid orders per customer: pay or cancel one first`);
    }
    if (held.units + placer.units > units) {
      throw tooMany("lines", `unpaid orders of one customer hold at most ${units} units: pay or cancel one first`);
    }
  }
  if (placer.cartId) {
    const held = await unpaidWhere(eq(checkoutKeys.cartId, placer.cartId));
    const max = limits.CHECKOUT_MAX_UNPAID_PER_CART;
    if (held.orders >= max) throw tooMany("cart", `at most ${max} unpaid orders per cart: pay or cancel one first`);
  }
}

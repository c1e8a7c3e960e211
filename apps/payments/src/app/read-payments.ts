import { can } from "@mercato/access";
import { type AuthUser, type DomainError, notFound } from "@mercato/kit";
import type { PaymentView, ShopperPaymentView } from "../contract.ts";
import { type PaymentRow, type PaymentSlot, paymentByOrder, paymentsOfOrder } from "../db/queries.ts";
import type { PaymentsDeps } from "../deps.ts";
import { canAttempt } from "../domain/payment-status.ts";
import { loadView, loadViews } from "./payment-view.ts";

export function noPaymentFor(orderId: string, slot?: PaymentSlot): DomainError {
  if (slot && slot.purpose !== "order") {
    return notFound("reference", `no ${slot.purpose} payment ${slot.reference} for order ${orderId}`);
  }
  return notFound("orderId", `no payment for order ${orderId}`);
}

/** An order's checkout payment with its refunds, for the admin and for other services. */
export async function paymentOfOrder(deps: PaymentsDeps, orderId: string): Promise<PaymentView> {
  const payment = await paymentByOrder(deps.db, orderId);
  if (!payment) throw noPaymentFor(orderId);
  return loadView(deps.db, payment);
}

/** Every payment of an order (checkout, then exchanges), each with its refunds; none is an empty list. */
export async function paymentsForOrder(deps: PaymentsDeps, orderId: string): Promise<PaymentView[]> {
  return loadViews(deps.db, await paymentsOfOrder(deps.db, orderId));
}

function ownedBy(payment: PaymentRow, user: AuthUser): boolean {
  return payment.userId !== null && payment.userId === user.id;
}

/** Staff who may read any order's payments: orders.read, and not a seller (who sees only its lines). */
function staffReader(user: AuthUser): boolean {
  return can(user, "orders.read") && user.sellerId === null;
}

function shopperView(view: PaymentView, payment: PaymentRow, own: boolean): ShopperPaymentView {
  // Only the payer gets the secret, and only while there is something left to pay.
  const payable = canAttempt(payment.status) || payment.status === "requires_action";
  return { ...view, clientSecret: own && payable ? payment.clientSecret : null };
}

/** The shopper's own payment (or any, for staff with orders.read; not a seller); someone else's is indistinguishable from none. */
export async function shopperPayment(deps: PaymentsDeps, user: AuthUser, orderId: string): Promise<ShopperPaymentView> {
  const payment = await paymentByOrder(deps.db, orderId);
  const own = payment !== undefined && ownedBy(payment, user);
  if (!payment || (!own && !staffReader(user))) throw noPaymentFor(orderId);
  return shopperView(await loadView(deps.db, payment), payment, own);
}

/**
 * Every payment of the shopper's own order (or any order, for an admin), each with its client
 * secret while it is the payer's and still payable (an exchange's price difference to pay).
 * The checkout payment decides whose order it is; someone else's is indistinguishable from none.
 */
export async function shopperPayments(
  deps: PaymentsDeps,
  user: AuthUser,
  orderId: string,
): Promise<ShopperPaymentView[]> {
  const rows = await paymentsOfOrder(deps.db, orderId);
  const checkout = rows.find((r) => r.purpose === "order") ?? rows[0];
  const own = checkout !== undefined && ownedBy(checkout, user);
  if (!checkout || (!own && !staffReader(user))) throw noPaymentFor(orderId);
  const views = await loadViews(deps.db, rows);
  return views.map((view, i) => shopperView(view, rows[i]!, own && ownedBy(rows[i]!, user)));
}

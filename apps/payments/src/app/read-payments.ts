import { can } from "@mercato/access";
import { type AuthUser, type DomainError, notFound } from "@mercato/kit";
import type { PaymentView, ShopperPaymentView } from "../contract.ts";
import { paymentByOrder } from "../db/queries.ts";
import type { PaymentsDeps } from "../deps.ts";
import { canAttempt } from "../domain/payment-status.ts";
import { loadView } from "./payment-view.ts";

export function noPaymentFor(orderId: string): DomainError {
  return notFound("orderId", `no payment for order ${orderId}`);
}

/** An order's payment with its refunds, for the admin and for other services. */
export async function paymentOfOrder(deps: PaymentsDeps, orderId: string): Promise<PaymentView> {
  const payment = await paymentByOrder(deps.db, orderId);
  if (!payment) throw noPaymentFor(orderId);
  return loadView(deps.db, payment);
}

/** The shopper's own payment (or any, for staff with orders.read; not a seller); someone else's is indistinguishable from none. */
export async function shopperPayment(deps: PaymentsDeps, user: AuthUser, orderId: string): Promise<ShopperPaymentView> {
  const payment = await paymentByOrder(deps.db, orderId);
  const own = payment !== undefined && payment.userId !== null && payment.userId === user.id;
  if (!payment || (!own && (!can(user, "orders.read") || user.sellerId !== null))) throw noPaymentFor(orderId);
  const view = await loadView(deps.db, payment);
  // Only the payer gets the secret, and only while there is something left to pay.
  const payable = canAttempt(payment.status) || payment.status === "requires_action";
  return { ...view, clientSecret: own && payable ? payment.clientSecret : null };
}

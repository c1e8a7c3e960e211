import type { AuthUser } from "@mercato/kit";
import type { z } from "zod";
import type { byOrderInput, listPaymentsInput, PaymentPage, PaymentView } from "../contract.ts";
import type { PaymentsDeps } from "../deps.ts";
import { listPayments } from "./list-payments.ts";
import { noPaymentFor, paymentOfOrder, paymentsForOrder } from "./read-payments.ts";

/**
 * Payments are the shop's money (#20, payouts out of scope): a seller holds `orders.read` for its
 * own order lines but its admin reads of payments are scoped to nothing — an empty list, no
 * payment of any order (404 naming `orderId`, as for an order without one). Staff of the shop
 * (no `sellerId`) read them all.
 */
export function adminListPayments(
  deps: PaymentsDeps,
  user: AuthUser | null | undefined,
  input: z.output<typeof listPaymentsInput>,
): Promise<PaymentPage> {
  if (user?.sellerId) return Promise.resolve({ items: [], nextCursor: null });
  return listPayments(deps, input);
}

export function adminPaymentOfOrder(
  deps: PaymentsDeps,
  user: AuthUser | null | undefined,
  input: z.output<typeof byOrderInput>,
): Promise<PaymentView> {
  if (user?.sellerId) return Promise.reject(noPaymentFor(input.orderId));
  return paymentOfOrder(deps, input.orderId);
}

export function adminPaymentsForOrder(
  deps: PaymentsDeps,
  user: AuthUser | null | undefined,
  input: z.output<typeof byOrderInput>,
): Promise<PaymentView[]> {
  if (user?.sellerId) return Promise.resolve([]);
  return paymentsForOrder(deps, input.orderId);
}

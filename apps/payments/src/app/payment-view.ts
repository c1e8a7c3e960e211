import type { PaymentView } from "../contract.ts";
import { type PaymentRow, type RefundRow, referenceOf, refundsOf } from "../db/queries.ts";
import type { PaymentsDeps } from "../deps.ts";

/** What callers see of a payment, with its refunds (picked from `refundRows`). */
export function paymentView(row: PaymentRow, refundRows: RefundRow[]): PaymentView {
  return {
    id: row.id,
    orderId: row.orderId,
    userId: row.userId,
    email: row.email,
    amount: row.amount,
    currency: row.currency,
    provider: row.provider,
    purpose: row.purpose,
    reference: referenceOf(row),
    status: row.status,
    refundedTotal: row.refundedAmount,
    attempts: row.attempts,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    succeededAt: row.succeededAt,
    refunds: refundRows
      .filter((r) => r.paymentId === row.id)
      .map((r) => ({
        id: r.id,
        amount: r.amount,
        reason: r.reason,
        status: r.status,
        source: r.source,
        createdAt: r.createdAt,
      })),
  };
}

/** A payment with its refunds, as every read answers. */
export async function loadView(db: PaymentsDeps["db"], row: PaymentRow): Promise<PaymentView> {
  return paymentView(row, await refundsOf(db, [row.id]));
}

/** Several payments with their refunds, in one query for the refunds. */
export async function loadViews(db: PaymentsDeps["db"], rows: PaymentRow[]): Promise<PaymentView[]> {
  const refundRows = await refundsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => paymentView(r, refundRows));
}

import { asc, eq, inArray } from "drizzle-orm";
import type { PaymentsDeps } from "../deps.ts";
import { payments, refunds } from "./schema.ts";

type Db = PaymentsDeps["db"];
export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

export async function paymentByOrder(db: Db, orderId: string): Promise<PaymentRow | undefined> {
  const [row] = await db.orm.select().from(payments).where(eq(payments.orderId, orderId));
  return row;
}

export async function paymentById(db: Db, id: string): Promise<PaymentRow | undefined> {
  const [row] = await db.orm.select().from(payments).where(eq(payments.id, id));
  return row;
}

export async function refundsOf(db: Db, paymentIds: string[]): Promise<RefundRow[]> {
  if (paymentIds.length === 0) return [];
  return db.orm.select().from(refunds).where(inArray(refunds.paymentId, paymentIds)).orderBy(asc(refunds.createdAt));
}

/** What callers see of a payment. The client secret is only for the shopper who pays. */
export function paymentView(row: PaymentRow, refundRows: RefundRow[]) {
  return {
    id: row.id,
    orderId: row.orderId,
    userId: row.userId,
    email: row.email,
    amount: row.amount,
    currency: row.currency,
    provider: row.provider,
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
export type PaymentView = ReturnType<typeof paymentView>;

/** A payment with its refunds, as every read procedure answers. */
export async function loadView(db: Db, row: PaymentRow): Promise<PaymentView> {
  return paymentView(row, await refundsOf(db, [row.id]));
}

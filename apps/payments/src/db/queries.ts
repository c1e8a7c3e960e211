import { and, asc, eq, inArray } from "drizzle-orm";
import type { PaymentPurpose } from "../contract.ts";
import type { PaymentsDeps } from "../deps.ts";
import { payments, refunds } from "./schema.ts";

type Db = PaymentsDeps["db"];
export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

/** Which of an order's payments: the checkout payment is ("order", null). */
export interface PaymentSlot {
  purpose: PaymentPurpose;
  reference: string | null;
}

export const ORDER_PAYMENT: PaymentSlot = { purpose: "order", reference: null };

/** The stored form of a reference: "" for none, so the (order, purpose, reference) unique index holds. */
export function storedReference(reference: string | null): string {
  return reference ?? "";
}

/** The reference as callers see it (null for none). */
export function referenceOf(row: Pick<PaymentRow, "reference">): string | null {
  return row.reference === "" ? null : row.reference;
}

export function slotWhere(orderId: string, slot: PaymentSlot) {
  return and(
    eq(payments.orderId, orderId),
    eq(payments.purpose, slot.purpose),
    eq(payments.reference, storedReference(slot.reference)),
  );
}

/** The order's payment for a purpose and reference (default: the checkout payment). */
export async function paymentByOrder(
  db: Db,
  orderId: string,
  slot: PaymentSlot = ORDER_PAYMENT,
): Promise<PaymentRow | undefined> {
  const [row] = await db.orm.select().from(payments).where(slotWhere(orderId, slot));
  return row;
}

/** Every payment of an order, oldest first (the checkout payment, then exchanges). */
export async function paymentsOfOrder(db: Db, orderId: string): Promise<PaymentRow[]> {
  return db.orm
    .select()
    .from(payments)
    .where(eq(payments.orderId, orderId))
    .orderBy(asc(payments.createdAt), asc(payments.id));
}

export async function paymentById(db: Db, id: string): Promise<PaymentRow | undefined> {
  const [row] = await db.orm.select().from(payments).where(eq(payments.id, id));
  return row;
}

export async function refundsOf(db: Db, paymentIds: string[]): Promise<RefundRow[]> {
  if (paymentIds.length === 0) return [];
  return db.orm.select().from(refunds).where(inArray(refunds.paymentId, paymentIds)).orderBy(asc(refunds.createdAt));
}

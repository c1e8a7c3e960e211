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

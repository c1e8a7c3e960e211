import type { Database } from "@mercato/db";
import { count, eq } from "drizzle-orm";
import {
  FULFILMENT_STATUSES,
  type FulfilmentStatus,
  ORDER_STATUSES,
  type OrderStatus,
  PAYMENT_STATUSES,
  type PaymentStatus,
  RETURN_STATUSES,
  type ReturnStatus,
} from "../contract.ts";
import type * as schema from "./schema.ts";
import { orderReturns, orderViews } from "./schema.ts";

type Db = Database<typeof schema>;
export type OrderViewRow = typeof orderViews.$inferSelect;

export async function orderViewById(db: Db, orderId: string): Promise<OrderViewRow | undefined> {
  const [row] = await db.orm.select().from(orderViews).where(eq(orderViews.id, orderId));
  return row;
}

function zeroes<S extends string>(all: readonly S[]): Record<S, number> {
  return Object.fromEntries(all.map((s) => [s, 0])) as Record<S, number>;
}

export interface StatusCounts {
  byStatus: Record<OrderStatus, number>;
  byPaymentStatus: Record<PaymentStatus, number>;
  byFulfilmentStatus: Record<FulfilmentStatus, number>;
  total: number;
}

/** How many orders are in each of the three statuses (every status present, 0 when none), and in all. */
export async function countByStatus(db: Db): Promise<StatusCounts> {
  const rows = await db.orm
    .select({
      status: orderViews.status,
      paymentStatus: orderViews.paymentStatus,
      fulfilmentStatus: orderViews.fulfilmentStatus,
      n: count(),
    })
    .from(orderViews)
    .groupBy(orderViews.status, orderViews.paymentStatus, orderViews.fulfilmentStatus);
  const counts: StatusCounts = {
    byStatus: zeroes(ORDER_STATUSES),
    byPaymentStatus: zeroes(PAYMENT_STATUSES),
    byFulfilmentStatus: zeroes(FULFILMENT_STATUSES),
    total: 0,
  };
  for (const r of rows) {
    counts.byStatus[r.status] += r.n;
    counts.byPaymentStatus[r.paymentStatus] += r.n;
    counts.byFulfilmentStatus[r.fulfilmentStatus] += r.n;
    counts.total += r.n;
  }
  return counts;
}

/** How many returns are in each status. */
export async function countReturnsByStatus(db: Db): Promise<Record<ReturnStatus, number>> {
  const rows = await db.orm
    .select({ status: orderReturns.status, n: count() })
    .from(orderReturns)
    .groupBy(orderReturns.status);
  const out = zeroes(RETURN_STATUSES);
  for (const r of rows) out[r.status] = r.n;
  return out;
}

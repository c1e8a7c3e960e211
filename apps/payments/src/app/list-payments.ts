import { afterCursor, decodeCursor, keysetPage } from "@mercato/db";
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { listPaymentsInput, PaymentPage } from "../contract.ts";
import { refundsOf } from "../db/queries.ts";
import { payments } from "../db/schema.ts";
import type { PaymentsDeps } from "../deps.ts";
import { paymentView } from "./payment-view.ts";

/** Newest first, optionally one status; keyset pages (created at, id) so new payments never shift a page. */
export async function listPayments(
  deps: PaymentsDeps,
  input: z.output<typeof listPaymentsInput>,
): Promise<PaymentPage> {
  const { db } = deps;
  const where: SQL[] = [];
  if (input.status) where.push(eq(payments.status, input.status));
  if (input.cursor) {
    const [createdAt, id] = decodeCursor(input.cursor, ["number", "string"]);
    const after = afterCursor(payments.createdAt, payments.id, [new Date(createdAt), id], "desc");
    if (after) where.push(after);
  }
  const rows = await db.orm
    .select()
    .from(payments)
    .where(and(...where))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(input.limit + 1);
  const page = keysetPage(rows, input.limit, (last) => [last.createdAt.getTime(), last.id]);
  const refundRows = await refundsOf(
    db,
    page.items.map((p) => p.id),
  );
  return { items: page.items.map((p) => paymentView(p, refundRows)), nextCursor: page.nextCursor };
}

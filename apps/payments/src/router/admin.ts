import { TRPCError } from "@trpc/server";
import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { loadView, paymentByOrder, paymentView, refundsOf } from "../db/queries.ts";
import { payments } from "../db/schema.ts";
import { adminProcedure, router } from "../trpc.ts";
import { byOrderInput, listInput } from "./inputs.ts";

const cursorSchema = z.object({ createdAt: z.number().int(), id: z.string() });

function encodeCursor(c: z.infer<typeof cursorSchema>): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(raw: string): z.infer<typeof cursorSchema> {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw new TRPCError({ code: "BAD_REQUEST", message: "cursor: malformed cursor" });
  }
}

export const adminRouter = router({
  /** Newest first, optionally one status; keyset pages so new payments never shift a page. */
  list: adminProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const where: SQL[] = [];
    if (input.status) where.push(eq(payments.status, input.status));
    if (input.cursor) {
      const c = decodeCursor(input.cursor);
      const at = new Date(c.createdAt);
      const after = or(lt(payments.createdAt, at), and(eq(payments.createdAt, at), lt(payments.id, c.id)));
      if (after) where.push(after);
    }
    const rows = await db.orm
      .select()
      .from(payments)
      .where(and(...where))
      .orderBy(desc(payments.createdAt), desc(payments.id))
      .limit(input.limit + 1);
    const shown = rows.slice(0, input.limit);
    const last = shown.at(-1);
    const refundRows = await refundsOf(
      db,
      shown.map((p) => p.id),
    );
    return {
      items: shown.map((p) => paymentView(p, refundRows)),
      nextCursor:
        rows.length > input.limit && last ? encodeCursor({ createdAt: last.createdAt.getTime(), id: last.id }) : null,
    };
  }),

  byOrder: adminProcedure.input(byOrderInput).query(async ({ ctx, input }) => {
    const payment = await paymentByOrder(ctx.deps.db, input.orderId);
    if (!payment) throw new TRPCError({ code: "NOT_FOUND", message: `orderId: no payment for order ${input.orderId}` });
    return loadView(ctx.deps.db, payment);
  }),
});

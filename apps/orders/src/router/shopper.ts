import { TRPCError } from "@trpc/server";
import { and, desc, eq, lt, or } from "drizzle-orm";
import { z } from "zod";
import { mayAccess } from "../app/access.ts";
import { checkout } from "../app/checkout.ts";
import { OrderNotFoundError } from "../app/errors.ts";
import { cancelOrder } from "../app/order-commands.ts";
import { type OrderViewRow, orderViewById } from "../db/queries.ts";
import { orderViews } from "../db/schema.ts";
import type { OrdersDeps } from "../deps.ts";
import { statusStream } from "../live/status-stream.ts";
import { orderSummary } from "../projections/order-view.ts";
import { authedProcedure, publicProcedure } from "../trpc.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { accessTokenInput, cancelReason, checkoutInput, orderIdInput, pageInput } from "./inputs.ts";

/** The order if this caller may see it: its signed-in owner or a holder of its access token. */
async function ownOrder(
  deps: OrdersDeps,
  user: Parameters<typeof mayAccess>[1],
  orderId: string,
  accessToken: string | undefined,
): Promise<OrderViewRow> {
  const row = await orderViewById(deps.db, orderId);
  // A stranger learns nothing, not even that the order exists.
  if (!row || !mayAccess(row, user, accessToken)) throw new OrderNotFoundError(orderId);
  return row;
}

export const shopperRouter = {
  /** Places the order for the shopper's cart (signed in: their cart; guest: `cartToken`). */
  checkout: publicProcedure.input(checkoutInput).mutation(({ ctx, input }) => checkout(ctx.deps, input, ctx.user)),

  mine: authedProcedure.input(z.object(pageInput)).query(async ({ ctx, input }) => {
    const where = [eq(orderViews.userId, ctx.user.id)];
    if (input.cursor) {
      const c = decodeCursor(input.cursor);
      const older = or(
        lt(orderViews.placedAt, c.placedAt),
        and(eq(orderViews.placedAt, c.placedAt), lt(orderViews.id, c.id)),
      );
      if (older) where.push(older);
    }
    const rows = await ctx.deps.db.orm
      .select()
      .from(orderViews)
      .where(and(...where))
      .orderBy(desc(orderViews.placedAt), desc(orderViews.id))
      .limit(input.limit + 1);
    const shown = rows.slice(0, input.limit);
    const last = shown.at(-1);
    return {
      items: shown.map(orderSummary),
      nextCursor: rows.length > input.limit && last ? encodeCursor({ placedAt: last.placedAt, id: last.id }) : null,
    };
  }),

  byId: publicProcedure
    .input(z.object({ orderId: orderIdInput, accessToken: accessTokenInput }))
    .query(async ({ ctx, input }) => (await ownOrder(ctx.deps, ctx.user, input.orderId, input.accessToken)).detail),

  /** Cancels before shipping; a paid order is refunded in full and its stock put back. */
  cancel: publicProcedure
    .input(z.object({ orderId: orderIdInput, accessToken: accessTokenInput, reason: cancelReason }))
    .mutation(async ({ ctx, input }) => {
      await ownOrder(ctx.deps, ctx.user, input.orderId, input.accessToken);
      await cancelOrder(ctx.deps, input.orderId, { reason: input.reason, by: "shopper" });
      const row = await orderViewById(ctx.deps.db, input.orderId);
      if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `orderId: no order ${input.orderId}` });
      return row.detail;
    }),

  /** The current status, then every transition, live (SSE). Resumes after `lastEventId` on reconnect. */
  onStatus: publicProcedure
    .input(
      z.object({
        orderId: orderIdInput,
        accessToken: accessTokenInput,
        lastEventId: z.string().regex(/^\d+$/).nullish(),
      }),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      await ownOrder(ctx.deps, ctx.user, input.orderId, input.accessToken);
      const from = input.lastEventId ? Number(input.lastEventId) : null;
      yield* statusStream(ctx.deps, input.orderId, from, signal);
    }),
};

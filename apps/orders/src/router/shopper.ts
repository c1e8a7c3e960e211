import { clientAddressOf } from "@mercato/kit";
import { checkout } from "../app/checkout.ts";
import { shopperCancelOrder } from "../app/order-commands.ts";
import { shopperOrderDetail } from "../app/order-detail.ts";
import { myOrders } from "../app/order-lists.ts";
import { followOrder } from "../app/status-stream.ts";
import { checkoutInput, myOrdersInput, onStatusInput, shopperCancelInput, shopperOrderInput } from "../contract.ts";
import { authedProcedure, publicProcedure } from "../trpc.ts";

export const shopperRouter = {
  /** Places the order for the shopper's cart (signed in: their cart; guest: `cartToken`). */
  checkout: publicProcedure
    .input(checkoutInput)
    .mutation(({ ctx, input }) => checkout(ctx.deps, input, ctx.user, { address: clientAddressOf(ctx.req) })),

  mine: authedProcedure.input(myOrdersInput).query(({ ctx, input }) => myOrders(ctx.deps, ctx.user.id, input)),

  byId: publicProcedure
    .input(shopperOrderInput)
    .query(({ ctx, input }) => shopperOrderDetail(ctx.deps, ctx.user, input)),

  /** Cancels before shipping; a paid order is refunded in full and its stock put back. */
  cancel: publicProcedure
    .input(shopperCancelInput)
    .mutation(({ ctx, input }) => shopperCancelOrder(ctx.deps, ctx.user, input)),

  /** The current status, then every transition, live (SSE). Resumes after `lastEventId` on reconnect. */
  onStatus: publicProcedure
    .input(onStatusInput)
    .subscription(({ ctx, input, signal }) => followOrder(ctx.deps, ctx.user, input, signal)),
};

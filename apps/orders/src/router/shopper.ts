import { CART_TOKEN_HEADER } from "@mercato/cart/contract";
import { clientAddressOf } from "@mercato/kit";
import { checkout } from "../app/checkout.ts";
import { shopperCancelOrder } from "../app/order-commands.ts";
import { shopperOrderDetail } from "../app/order-detail.ts";
import { myOrders } from "../app/order-lists.ts";
import { releasePendingOrder } from "../app/pending-order.ts";
import { requestOrderReturn } from "../app/returns.ts";
import { followOrder } from "../app/status-stream.ts";
import {
  checkoutInput,
  checkoutResultSchema,
  myOrdersInput,
  ORDER_TOKEN_HEADER,
  onStatusInput,
  orderPageSchema,
  orderTokenIn,
  releasePendingInput,
  requestReturnInput,
  shopperCancelInput,
  shopperOrderInput,
} from "../contract.ts";
import { authedProcedure, publicProcedure } from "../trpc.ts";

/** A guest's access token to `orderId`: a mutation's body, else the `x-order-token` header. */
const orderToken = (req: Request, orderId: string, fromBody?: string) =>
  fromBody ?? orderTokenIn(req.headers.get(ORDER_TOKEN_HEADER), orderId);

export const shopperRouter = {
  /** Places the order for the shopper's cart (signed in: their cart; guest: `cartToken`). */
  checkout: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/checkout",
        tags: ["orders"],
        summary: "Place the order for a cart",
        protect: false,
      },
    })
    .input(checkoutInput)
    .output(checkoutResultSchema)
    .mutation(async ({ ctx, input }) => {
      // The guest's cart token: the body's, else the x-cart-token header (the storefront's proxy,
      // which sends a leftover guest cookie for signed-in shoppers too: their own cart is used then).
      const fromHeader = ctx.user ? undefined : ctx.req.headers.get(CART_TOKEN_HEADER)?.trim() || undefined;
      const cartToken = input.cartToken ?? fromHeader;
      const result = await checkout(ctx.deps, { ...input, cartToken }, ctx.user, {
        address: clientAddressOf(ctx.req),
      });
      // The proxy keeps it in an HttpOnly cookie for this order; API clients read the body.
      ctx.resHeaders.append(ORDER_TOKEN_HEADER, `${result.orderId}=${result.accessToken}`);
      return result;
    }),

  mine: authedProcedure
    .meta({ openapi: { method: "GET", path: "/orders", tags: ["orders"], summary: "My orders", protect: true } })
    .input(myOrdersInput)
    .output(orderPageSchema)
    .query(({ ctx, input }) => myOrders(ctx.deps, ctx.user.id, input)),

  byId: publicProcedure.input(shopperOrderInput).query(({ ctx, input }) =>
    shopperOrderDetail(ctx.deps, ctx.user, {
      orderId: input.orderId,
      accessToken: orderToken(ctx.req, input.orderId),
    }),
  ),

  /** Cancels before shipping; a paid order is refunded in full and its stock put back. */
  cancel: publicProcedure.input(shopperCancelInput).mutation(({ ctx, input }) =>
    shopperCancelOrder(ctx.deps, ctx.user, {
      ...input,
      accessToken: orderToken(ctx.req, input.orderId, input.accessToken),
    }),
  ),

  /** Back from the pay step (#21): releases the unpaid order (stock back, cart refilled by the web); idempotent. */
  releasePending: publicProcedure.input(releasePendingInput).mutation(({ ctx, input }) =>
    releasePendingOrder(ctx.deps, ctx.user, {
      ...input,
      accessToken: orderToken(ctx.req, input.orderId, input.accessToken),
    }),
  ),

  /** Asks delivered units back within the return window (owner, or a guest with the token). */
  requestReturn: publicProcedure.input(requestReturnInput).mutation(({ ctx, input }) =>
    requestOrderReturn(ctx.deps, ctx.user, {
      ...input,
      accessToken: orderToken(ctx.req, input.orderId, input.accessToken),
    }),
  ),

  /** The current status, then every transition, live (SSE). Resumes after `lastEventId` on reconnect. */
  onStatus: publicProcedure
    .input(onStatusInput)
    .subscription(({ ctx, input, signal }) =>
      followOrder(ctx.deps, ctx.user, { ...input, accessToken: orderToken(ctx.req, input.orderId) }, signal),
    ),
};

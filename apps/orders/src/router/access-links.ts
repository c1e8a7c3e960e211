import { clientAddressOf } from "@mercato/kit";
import { issueAccessLink, redeemAccessLink, requestAccessLink } from "../app/access-links.ts";
import { ORDER_TOKEN_HEADER, orderLookupInput, orderRefInput, redeemLinkInput } from "../contract.ts";
import { internalProcedure, publicProcedure } from "../trpc.ts";

/** Guest order links and the order lookup (#21), beside the shopper procedures. */
export const accessLinkProcedures = {
  /**
   * Exchanges an emailed link (`#link=` on the order page) for the order's access: answered in the
   * x-order-token response header, which the storefront's proxy keeps as the order's HttpOnly
   * cookie; the body carries no token.
   */
  redeemLink: publicProcedure.input(redeemLinkInput).mutation(async ({ ctx, input }) => {
    const { orderId, accessToken, expiresAt } = await redeemAccessLink(ctx.deps, input);
    ctx.resHeaders.append(ORDER_TOKEN_HEADER, `${orderId}=${accessToken}`);
    return { orderId, expiresAt };
  }),

  /** Mails a fresh link when the number and email match an order; the same answer either way. */
  lookup: publicProcedure
    .input(orderLookupInput)
    .mutation(({ ctx, input }) => requestAccessLink(ctx.deps, input, clientAddressOf(ctx.req))),
};

export const accessLinkInternalProcedures = {
  /** A fresh signed link to the order, for the email (notifications only; never on the bus). */
  accessLink: internalProcedure(["notifications"])
    .input(orderRefInput)
    .mutation(({ ctx, input }) => issueAccessLink(ctx.deps, input.orderId)),
};

import { adjustGiftCard } from "../app/gift-card-adjust.ts";
import { claimGiftCardDelivery } from "../app/gift-card-delivery.ts";
import { disableGiftCard } from "../app/gift-card-disable.ts";
import { commitGiftCardHolds, holdGiftCard, holdsOfOrder, releaseGiftCardHolds } from "../app/gift-card-hold.ts";
import { issueGiftCard, issueGiftCardForOrder } from "../app/gift-card-issue.ts";
import { giftCardBalance, giftCardWithLedger, listGiftCards, myGiftCards } from "../app/gift-card-read.ts";
import { refundToGiftCard } from "../app/gift-card-refund.ts";
import {
  adjustGiftCardInput,
  disableGiftCardInput,
  giftCardBalanceInput,
  giftCardIdInput,
  giftCardOrderInput,
  holdGiftCardInput,
  issueForOrderInput,
  issueGiftCardInput,
  listGiftCardsInput,
  refundGiftCardInput,
} from "../contract.ts";
import { authedProcedure, internalProcedure, publicProcedure, router, staffProcedure } from "../trpc.ts";

/** Gift cards (#27): the shopper's, staff's (`giftcards.manage`) and checkout's (orders) procedures. */
export const giftCardsRouter = router({
  /** The balance behind a code (checkout shows it). A mutation, so the code stays out of URLs and logs. */
  balance: publicProcedure
    .input(giftCardBalanceInput)
    .mutation(({ ctx, input }) => giftCardBalance(ctx.deps, input.code)),
  /** The cards the account bought or was sent. */
  mine: authedProcedure.query(({ ctx }) => myGiftCards(ctx.deps, ctx.user)),

  admin: router({
    list: staffProcedure("giftcards.manage")
      .input(listGiftCardsInput)
      .query(({ ctx, input }) => listGiftCards(ctx.deps, input)),
    byId: staffProcedure("giftcards.manage")
      .input(giftCardIdInput)
      .query(({ ctx, input }) => giftCardWithLedger(ctx.deps, input.cardId)),
    issue: staffProcedure("giftcards.manage")
      .input(issueGiftCardInput)
      .mutation(({ ctx, input }) => issueGiftCard(ctx.deps, ctx.user, input)),
    disable: staffProcedure("giftcards.manage")
      .input(disableGiftCardInput)
      .mutation(({ ctx, input }) => disableGiftCard(ctx.deps, ctx.user, input)),
    adjust: staffProcedure("giftcards.manage")
      .input(adjustGiftCardInput)
      .mutation(({ ctx, input }) => adjustGiftCard(ctx.deps, ctx.user, input)),
  }),

  /** The checkout saga's steps for a gift card, like inventory's reserve/commit/release. */
  internal: router({
    hold: internalProcedure(["orders"])
      .input(holdGiftCardInput)
      .mutation(({ ctx, input }) => holdGiftCard(ctx.deps, input)),
    commit: internalProcedure(["orders"])
      .input(giftCardOrderInput)
      .mutation(({ ctx, input }) => commitGiftCardHolds(ctx.deps, input.orderId)),
    release: internalProcedure(["orders"])
      .input(giftCardOrderInput)
      .mutation(({ ctx, input }) => releaseGiftCardHolds(ctx.deps, input.orderId)),
    refund: internalProcedure(["orders"])
      .input(refundGiftCardInput)
      .mutation(({ ctx, input }) => refundToGiftCard(ctx.deps, input)),
    byOrder: internalProcedure(["orders", "ops"])
      .input(giftCardOrderInput)
      .query(({ ctx, input }) => holdsOfOrder(ctx.deps, input.orderId)),
    issueForOrder: internalProcedure(["orders"])
      .input(issueForOrderInput)
      .mutation(({ ctx, input }) => issueGiftCardForOrder(ctx.deps, input)),
    /** The new card's code for the recipient's email (the bus never carries it); null once gone. */
    claimDelivery: internalProcedure(["notifications"])
      .input(giftCardIdInput)
      .mutation(({ ctx, input }) => claimGiftCardDelivery(ctx.deps, input.cardId)),
  }),
});

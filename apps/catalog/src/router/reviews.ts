import { voteHelpful } from "../app/reviews-helpful.ts";
import { dismissReports, publishReview, rejectReview, replyToReview, reviewQueue } from "../app/reviews-moderate.ts";
import { myReview, productReviews } from "../app/reviews-read.ts";
import { reportReview } from "../app/reviews-report.ts";
import { createReview, updateReview } from "../app/reviews-write.ts";
import {
  createReviewInput,
  helpfulVoteInput,
  myReviewInput,
  productReviewsInput,
  rejectReviewInput,
  replyReviewInput,
  reportReviewInput,
  reviewIdInput,
  reviewQueueInput,
  updateReviewInput,
} from "../contract.ts";
import { setPrivate } from "../http/cache-headers.ts";
import { authedProcedure, publicProcedure, router, staffProcedure } from "../trpc.ts";

const moderator = staffProcedure("reviews.moderate");

/** Product reviews (#27): shoppers write and report, moderators with reviews.moderate decide. */
export const reviewsRouter = router({
  /**
   * A product's published reviews (sorted, paged) and its rating summary. Not cached: an approval
   * shows at once. A signed-in caller also learns which reviews they marked helpful, so that
   * answer is private.
   */
  forProduct: publicProcedure.input(productReviewsInput).query(({ ctx, input }) => {
    if (ctx.user) setPrivate(ctx.resHeaders);
    return productReviews(ctx.deps.db.orm, input, ctx.user?.id ?? null);
  }),

  /** The signed-in shopper's own review of a product (any status), or null. */
  mine: authedProcedure.input(myReviewInput).query(({ ctx, input }) => {
    setPrivate(ctx.resHeaders);
    return myReview(ctx.deps.db.orm, ctx.user.id, input.productId);
  }),
  create: authedProcedure
    .input(createReviewInput)
    .mutation(({ ctx, input }) => createReview(ctx.deps, ctx.user.id, input)),
  /** The author's edit; it goes back to moderation. */
  update: authedProcedure
    .input(updateReviewInput)
    .mutation(({ ctx, input }) => updateReview(ctx.deps, ctx.user.id, input)),
  report: authedProcedure
    .input(reportReviewInput)
    .mutation(({ ctx, input }) => reportReview(ctx.deps, ctx.user.id, input)),
  /** Marks a published review helpful (or takes it back): one vote per shopper, not on their own. */
  helpful: authedProcedure
    .input(helpfulVoteInput)
    .mutation(({ ctx, input }) => voteHelpful(ctx.deps, ctx.user.id, input)),

  queue: moderator.input(reviewQueueInput).query(({ ctx, input }) => {
    setPrivate(ctx.resHeaders);
    return reviewQueue(ctx.deps.db.orm, input);
  }),
  publish: moderator.input(reviewIdInput).mutation(({ ctx, input }) => publishReview(ctx.deps, input.reviewId)),
  reject: moderator
    .input(rejectReviewInput)
    .mutation(({ ctx, input }) => rejectReview(ctx.deps, input.reviewId, input.reason)),
  reply: moderator
    .input(replyReviewInput)
    .mutation(({ ctx, input }) => replyToReview(ctx.deps, input.reviewId, input.reply)),
  dismissReports: moderator.input(reviewIdInput).mutation(({ ctx, input }) => dismissReports(ctx.deps, input.reviewId)),
});

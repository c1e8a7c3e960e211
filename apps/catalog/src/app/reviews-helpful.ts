import { forbidden, notFound } from "@mercato/kit/errors";
import { and, eq, sql } from "drizzle-orm";
import type { HelpfulVoteInput } from "../contract.ts";
import { reviewHelpfulVotes, reviews } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";
import type { CatalogDeps } from "../deps.ts";

export interface HelpfulVoteResult {
  reviewId: string;
  helpfulCount: number;
  votedHelpful: boolean;
}

/**
 * A shopper marks a published review helpful, or takes the vote back. The vote row and the
 * review's helpful_count change in one transaction, and only when the vote really changed (the
 * insert or delete reports it), so a repeat is a no-op and the count always equals the rows.
 */
export function voteHelpful(
  deps: Pick<CatalogDeps, "db">,
  voterId: string,
  input: HelpfulVoteInput,
): Promise<HelpfulVoteResult> {
  return deps.db.write(async (tx) => {
    const [review] = await tx
      .select({ status: reviews.status, customerId: reviews.customerId, helpfulCount: reviews.helpfulCount })
      .from(reviews)
      .where(eq(reviews.id, input.reviewId));
    if (review?.status !== "published") throw notFound("reviewId", "no such published review");
    if (review.customerId === voterId) throw forbidden("reviewId", "you cannot mark your own review helpful");

    const changed = input.helpful
      ? await tx
          .insert(reviewHelpfulVotes)
          .values({ reviewId: input.reviewId, voterId, createdAt: new Date() })
          .onConflictDoNothing()
          .returning({ reviewId: reviewHelpfulVotes.reviewId })
      : await tx
          .delete(reviewHelpfulVotes)
          .where(and(eq(reviewHelpfulVotes.reviewId, input.reviewId), eq(reviewHelpfulVotes.voterId, voterId)))
          .returning({ reviewId: reviewHelpfulVotes.reviewId });
    let helpfulCount = review.helpfulCount;
    if (changed.length > 0) {
      const [row] = await tx
        .update(reviews)
        .set({ helpfulCount: sql`${reviews.helpfulCount} + ${input.helpful ? 1 : -1}` })
        .where(eq(reviews.id, input.reviewId))
        .returning({ helpfulCount: reviews.helpfulCount });
      helpfulCount = row!.helpfulCount;
    }
    return { reviewId: input.reviewId, helpfulCount, votedHelpful: input.helpful };
  });
}

/**
 * Drops every helpful vote of a review (an edit of what they voted on, a rejection). The caller
 * sets `helpfulCount` to 0 in the same transaction, so the count still equals the rows.
 */
export async function clearHelpfulVotes(tx: CatalogTx, reviewId: string): Promise<void> {
  await tx.delete(reviewHelpfulVotes).where(eq(reviewHelpfulVotes.reviewId, reviewId));
}

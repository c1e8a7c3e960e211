import { notFound } from "@mercato/kit/errors";
import { and, eq, sql } from "drizzle-orm";
import { reviewReports, reviews } from "../db/schema.ts";
import type { CatalogDeps } from "../deps.ts";

/**
 * A shopper reports a published review: it joins the moderators' reported queue and stays shown
 * until one of them rejects it. A second report by the same shopper changes nothing.
 */
export function reportReview(
  deps: Pick<CatalogDeps, "db">,
  reporterId: string,
  input: { reviewId: string; reason: string },
): Promise<{ reported: true }> {
  return deps.db.write(async (tx) => {
    const [review] = await tx.select({ status: reviews.status }).from(reviews).where(eq(reviews.id, input.reviewId));
    if (review?.status !== "published") throw notFound("reviewId", "no such published review");
    const added = await tx
      .insert(reviewReports)
      .values({ reviewId: input.reviewId, reporterId, reason: input.reason, createdAt: new Date() })
      .onConflictDoNothing()
      .returning({ reviewId: reviewReports.reviewId });
    if (added.length > 0) {
      await tx
        .update(reviews)
        .set({ openReports: sql`${reviews.openReports} + 1` })
        .where(and(eq(reviews.id, input.reviewId)));
    }
    return { reported: true as const };
  });
}

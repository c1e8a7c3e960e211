import { and, eq, sql } from "drizzle-orm";
import type { RatingSummary } from "../contract.ts";
import { reviewSummaries, reviews } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";
import { averageX100, ratingSummary } from "../domain/review-rules.ts";

/**
 * Recounts a product's published reviews into its summary row, inside the transaction that
 * changed one of them: listings and product pages then read one row instead of aggregating.
 */
export async function refreshReviewSummary(tx: CatalogTx, productId: string): Promise<RatingSummary> {
  const rows = await tx
    .select({ rating: reviews.rating, n: sql<number>`count(*)` })
    .from(reviews)
    .where(and(eq(reviews.productId, productId), eq(reviews.status, "published")))
    .groupBy(reviews.rating);
  const counts = [0, 0, 0, 0, 0];
  for (const r of rows) counts[r.rating - 1] = Number(r.n);
  const summary = ratingSummary(counts);
  const [s1, s2, s3, s4, s5] = summary.histogram;
  const row = {
    count: summary.count,
    averageX100: averageX100(summary.average),
    stars1: s1,
    stars2: s2,
    stars3: s3,
    stars4: s4,
    stars5: s5,
  };
  await tx
    .insert(reviewSummaries)
    .values({ productId, ...row })
    .onConflictDoUpdate({ target: reviewSummaries.productId, set: row });
  return summary;
}

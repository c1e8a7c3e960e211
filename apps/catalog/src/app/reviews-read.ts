import { keysetPage } from "@mercato/db/keyset";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { ProductReviewsInput } from "../contract.ts";
import type { ReadDb } from "../db/queries.ts";
import { ratingSummaries } from "../db/review-queries.ts";
import { reviewHelpfulVotes, reviews } from "../db/schema.ts";
import {
  decodeHelpfulCursor,
  decodeReviewCursor,
  helpfulCursorKey,
  type OneKeySort,
  RATING_WEIGHT,
  reviewCursorKey,
  reviewSortDirection,
  reviewSortKey,
} from "../domain/review-rules.ts";
import { photosOf } from "./review-photos.ts";
import { ownReview, publicReview } from "./reviews-views.ts";

type ReviewRow = typeof reviews.$inferSelect;

/** The SQL of domain/review-rules' sort key, so the page is walked in the database. */
function sortKeySql(sort: OneKeySort) {
  const weight = sql.raw(String(RATING_WEIGHT));
  switch (sort) {
    case "newest":
      return sql`${reviews.publishedAt}`;
    case "highest":
      return sql`(${reviews.rating} * ${weight} + ${reviews.publishedAt})`;
    case "lowest":
      return sql`(${reviews.rating} * ${weight} - ${reviews.publishedAt})`;
  }
}

/** How one sort filters past its cursor, orders, and makes the next cursor from a page's last row. */
interface SortPlan {
  after: SQL;
  orderBy: SQL[];
  cursorOf: (last: ReviewRow) => ReturnType<typeof reviewCursorKey>;
}

/**
 * "helpful": most helpful first, then newest, then id, all descending — the order of the index
 * reviews_product_helpful after (product, status), so a page is an index walk.
 */
function helpfulPlan(cursor: string | undefined): SortPlan {
  let after = sql`1 = 1`;
  if (cursor) {
    const c = decodeHelpfulCursor(cursor);
    after = sql`(${reviews.helpfulCount}, ${reviews.publishedAt}, ${reviews.id}) < (${c.helpfulCount}, ${c.publishedAtMs}, ${c.id})`;
  }
  return {
    after,
    orderBy: [sql`${reviews.helpfulCount} DESC`, sql`${reviews.publishedAt} DESC`, sql`${reviews.id} DESC`],
    cursorOf: (last) => helpfulCursorKey(last.helpfulCount, last.publishedAt?.getTime() ?? 0, last.id),
  };
}

/** newest / highest / lowest: one numeric key (domain/review-rules.ts), then id. */
function oneKeyPlan(sort: OneKeySort, cursor: string | undefined): SortPlan {
  const key = sortKeySql(sort);
  const dir = reviewSortDirection(sort);
  let after = sql`1 = 1`;
  if (cursor) {
    const c = decodeReviewCursor(cursor, sort);
    after =
      dir === "ASC"
        ? sql`(${key}, ${reviews.id}) > (${c.key}, ${c.id})`
        : sql`(${key}, ${reviews.id}) < (${c.key}, ${c.id})`;
  }
  const direction = sql.raw(dir);
  return {
    after,
    orderBy: [sql`${key} ${direction}`, sql`${reviews.id} ${direction}`],
    cursorOf: (last) =>
      reviewCursorKey(sort, reviewSortKey(sort, last.rating, last.publishedAt?.getTime() ?? 0), last.id),
  };
}

/** Which of these reviews the viewer marked helpful: one primary-key lookup per page. */
async function votedByViewer(db: ReadDb, viewerId: string | null, reviewIds: string[]): Promise<Set<string>> {
  if (!viewerId || reviewIds.length === 0) return new Set();
  const rows = await db
    .select({ reviewId: reviewHelpfulVotes.reviewId })
    .from(reviewHelpfulVotes)
    .where(and(eq(reviewHelpfulVotes.voterId, viewerId), inArray(reviewHelpfulVotes.reviewId, reviewIds)));
  return new Set(rows.map((r) => r.reviewId));
}

/**
 * A product's published reviews, one sorted keyset page, with its rating summary. Only published
 * reviews are read, so a pending or rejected review's photos are never shown here. With a signed-in
 * viewer each review says whether they marked it helpful (`votedHelpful`); for a guest it is null.
 */
export async function productReviews(db: ReadDb, input: ProductReviewsInput, viewerId: string | null = null) {
  const plan = input.sort === "helpful" ? helpfulPlan(input.cursor) : oneKeyPlan(input.sort, input.cursor);
  const [rows, summaries] = await Promise.all([
    db
      .select()
      .from(reviews)
      .where(and(eq(reviews.productId, input.productId), eq(reviews.status, "published"), plan.after))
      .orderBy(...plan.orderBy)
      .limit(input.limit + 1),
    ratingSummaries(db, [input.productId]),
  ]);
  const page = keysetPage(rows, input.limit, plan.cursorOf);
  const ids = page.items.map((r) => r.id);
  const [voted, photos] = await Promise.all([votedByViewer(db, viewerId, ids), photosOf(db, ids)]);
  return {
    summary: summaries.get(input.productId)!,
    items: page.items.map((r) => ({
      ...publicReview(r, photos.get(r.id) ?? []),
      votedHelpful: viewerId ? voted.has(r.id) : null,
    })),
    nextCursor: page.nextCursor,
  };
}

/** The signed-in shopper's own review of a product, whatever its status; null when none. */
export async function myReview(db: ReadDb, customerId: string, productId: string) {
  const [row] = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.productId, productId), eq(reviews.customerId, customerId)));
  if (!row) return null;
  const photos = await photosOf(db, [row.id]);
  return ownReview(row, photos.get(row.id) ?? []);
}

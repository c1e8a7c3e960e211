import { keysetPage } from "@mercato/db/keyset";
import { and, eq, sql } from "drizzle-orm";
import type { ProductReviewsInput } from "../contract.ts";
import type { ReadDb } from "../db/queries.ts";
import { ratingSummaries } from "../db/review-queries.ts";
import { reviews } from "../db/schema.ts";
import {
  decodeReviewCursor,
  RATING_WEIGHT,
  reviewCursorKey,
  reviewSortDirection,
  reviewSortKey,
} from "../domain/review-rules.ts";
import { ownReview, publicReview } from "./reviews-views.ts";

/** The SQL of domain/review-rules' sort key, so the page is walked in the database. */
function sortKeySql(sort: ProductReviewsInput["sort"]) {
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

/** A product's published reviews, one sorted keyset page, with its rating summary. */
export async function productReviews(db: ReadDb, input: ProductReviewsInput) {
  const key = sortKeySql(input.sort);
  const dir = reviewSortDirection(input.sort);
  let after = sql`1 = 1`;
  if (input.cursor) {
    const c = decodeReviewCursor(input.cursor, input.sort);
    after =
      dir === "ASC"
        ? sql`(${key}, ${reviews.id}) > (${c.key}, ${c.id})`
        : sql`(${key}, ${reviews.id}) < (${c.key}, ${c.id})`;
  }
  const direction = sql.raw(dir);
  const [rows, summaries] = await Promise.all([
    db
      .select()
      .from(reviews)
      .where(and(eq(reviews.productId, input.productId), eq(reviews.status, "published"), after))
      .orderBy(sql`${key} ${direction}`, sql`${reviews.id} ${direction}`)
      .limit(input.limit + 1),
    ratingSummaries(db, [input.productId]),
  ]);
  const page = keysetPage(rows, input.limit, (last) =>
    reviewCursorKey(input.sort, reviewSortKey(input.sort, last.rating, last.publishedAt?.getTime() ?? 0), last.id),
  );
  return {
    summary: summaries.get(input.productId)!,
    items: page.items.map(publicReview),
    nextCursor: page.nextCursor,
  };
}

/** The signed-in shopper's own review of a product, whatever its status; null when none. */
export async function myReview(db: ReadDb, customerId: string, productId: string) {
  const [row] = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.productId, productId), eq(reviews.customerId, customerId)));
  return row ? ownReview(row) : null;
}

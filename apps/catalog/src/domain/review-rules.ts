import { type CursorKey, decodeCursor, MalformedCursorError } from "@mercato/db/keyset";
import type { RatingSummary, ReviewSort } from "../contract.ts";

/**
 * One number per review that orders it in a sort, so a page is a keyset walk on (key, id):
 * newest = its publication time; highest = rating, then newest; lowest = rating ascending, then
 * newest. Times are ms (< 10^13 until 2286), so rating × 10^13 keeps the rating first and the
 * whole key below 2^53.
 */
export const RATING_WEIGHT = 10_000_000_000_000;

/** The sorts keyed by that one number; "helpful" pages on (helpful count, publication time, id). */
export type OneKeySort = Exclude<ReviewSort, "helpful">;

export function reviewSortKey(sort: OneKeySort, rating: number, publishedAtMs: number): number {
  switch (sort) {
    case "newest":
      return publishedAtMs;
    case "highest":
      return rating * RATING_WEIGHT + publishedAtMs;
    case "lowest":
      // Walked ascending: a lower rating first, and within one rating the newer (larger time) first.
      return rating * RATING_WEIGHT - publishedAtMs;
  }
}

/** Which way a sort's key is walked. */
export function reviewSortDirection(sort: ReviewSort): "ASC" | "DESC" {
  return sort === "lowest" ? "ASC" : "DESC";
}

export function reviewCursorKey(sort: ReviewSort, key: number, id: string): CursorKey {
  return [sort, key, id];
}

/** A reviews cursor of this sort; one from another sort is refused like a malformed one. */
export function decodeReviewCursor(raw: string, sort: OneKeySort): { key: number; id: string } {
  const [from, key, id] = decodeCursor(raw, ["string", "number", "string"]);
  if (from !== sort) throw new MalformedCursorError("from reviews in another sort; start again without it");
  return { key, id };
}

/**
 * The "helpful" sort's cursor: the last review's helpful count, publication time and id. Two
 * numbers rather than one folded key: count × 10^13 would pass 2^53 from 901 votes on. Its four
 * parts also make a cursor of another sort (three parts) fail to decode, and the reverse.
 */
export function helpfulCursorKey(helpfulCount: number, publishedAtMs: number, id: string): CursorKey {
  return ["helpful", helpfulCount, publishedAtMs, id];
}

export function decodeHelpfulCursor(raw: string): { helpfulCount: number; publishedAtMs: number; id: string } {
  const [from, helpfulCount, publishedAtMs, id] = decodeCursor(raw, ["string", "number", "number", "string"]);
  if (from !== "helpful") throw new MalformedCursorError("from reviews in another sort; start again without it");
  return { helpfulCount, publishedAtMs, id };
}

/** The summary of published ratings counted per star (counts[0] = 1★). */
export function ratingSummary(counts: readonly number[]): RatingSummary {
  const histogram: RatingSummary["histogram"] = [0, 0, 0, 0, 0];
  counts.slice(0, 5).forEach((n, i) => {
    histogram[i] = n;
  });
  const count = histogram.reduce((a, b) => a + b, 0);
  const sum = histogram.reduce((a, n, i) => a + n * (i + 1), 0);
  return { average: count === 0 ? null : Math.round((sum * 100) / count) / 100, count, histogram };
}

/** The stored form of an average (× 100, an integer) and back. */
export const averageX100 = (average: number | null): number => (average === null ? 0 : Math.round(average * 100));

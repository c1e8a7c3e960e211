/**
 * Reviews and ratings (#27): what shoppers and moderators send, the review statuses and what
 * each allows. Pure (zod only); `@mercato/catalog/contract` re-exports it, so the web's forms
 * check the same rules.
 */
import { z } from "zod";
// Types only: contract-images imports contract.ts, which re-exports this file.
import type { ImageFormat, ImageWidth } from "./contract-images.ts";

/** pending: waits for a moderator; published: shown on the product page; rejected: shown to its author with the reason. */
export const REVIEW_STATUSES = ["pending", "published", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const RATING = { min: 1, max: 5 } as const;
export const REVIEW_LIMITS = {
  authorName: 60,
  title: 120,
  body: 5000,
  /** Photos on one review. */
  photos: 6,
  /** Bytes of one review photo: tighter than staff's product images, a phone photo fits. */
  photoBytes: 5 * 1024 * 1024,
  /** The alt text a shopper may give a photo. */
  photoAlt: 300,
  /**
   * Uploaded photos one shopper may hold that no review uses yet: enough for a few attempts at a
   * review, not a free image host.
   */
  loosePhotos: 24,
  reason: 500,
  reply: 2000,
} as const;

/** The orders a product's reviews can be read in; "helpful": most shoppers found it helpful first, then newest. */
export const REVIEW_SORTS = ["newest", "highest", "lowest", "helpful"] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];
export const REVIEW_PAGE = { default: 10, max: 50 } as const;

/** The moderation queues: reviews waiting for approval, and reviews shoppers reported. */
export const REVIEW_QUEUES = ["pending", "reported"] as const;
export type ReviewQueue = (typeof REVIEW_QUEUES)[number];

/** The "N★ & up" thresholds the listing's rating facet counts. */
export const RATING_FACET_MINS = [4, 3, 2, 1] as const;

/** What a moderator may do to a review in each status (a reply is allowed on any). */
export const REVIEW_ACTIONS = {
  pending: ["publish", "reject", "reply"],
  published: ["reject", "reply", "dismissReports"],
  rejected: ["publish", "reply"],
} as const satisfies Record<ReviewStatus, readonly ("publish" | "reject" | "reply" | "dismissReports")[]>;
export type ReviewAction = (typeof REVIEW_ACTIONS)[ReviewStatus][number];

export function canModerate(status: ReviewStatus, action: ReviewAction): boolean {
  return (REVIEW_ACTIONS[status] as readonly ReviewAction[]).includes(action);
}

/** A photo the shopper uploaded (`POST /media/reviews/photos` answers its id); never a URL. */
const photoId = z.string().trim().min(1).max(200);

/** A review's editable fields. */
const reviewFields = {
  rating: z.number().int().min(RATING.min).max(RATING.max),
  authorName: z.string().trim().min(1).max(REVIEW_LIMITS.authorName),
  title: z.string().trim().min(1).max(REVIEW_LIMITS.title),
  body: z.string().trim().min(1).max(REVIEW_LIMITS.body),
  /** Ids of photos this shopper uploaded, in the order to show them. */
  photos: z
    .array(photoId)
    .max(REVIEW_LIMITS.photos)
    .refine((ids) => new Set(ids).size === ids.length, "a photo is listed twice")
    .default([]),
};

export const createReviewInput = z.object({ productId: z.string().min(1).max(200), ...reviewFields });
export type CreateReviewInput = z.infer<typeof createReviewInput>;

/** The author's edit of their review: it goes back to moderation. */
export const updateReviewInput = z.object({ reviewId: z.string().min(1).max(200), ...reviewFields });
export type UpdateReviewInput = z.infer<typeof updateReviewInput>;

/** The multipart form's text field beside `file` on a review photo upload. */
export const reviewPhotoFields = z.object({
  alt: z.string().trim().max(REVIEW_LIMITS.photoAlt).default(""),
});

/** An uploaded review photo, as every review view carries it: its stored copies, like a product image's. */
export interface ReviewPhotoView {
  id: string;
  /** What it shows, for screen readers; the shopper's words, or "" (the web then describes it). */
  alt: string;
  width: number;
  height: number;
  /** The 640-wide WebP. No original: it is not kept (its EXIF may locate the shopper). */
  url: string;
  /** Every resized copy: `{ 320: { webp, avif }, ... }`. */
  sizes: Record<ImageWidth, Record<ImageFormat, string>>;
}

export const productReviewsInput = z.object({
  productId: z.string().min(1).max(200),
  sort: z.enum(REVIEW_SORTS).default("newest"),
  limit: z.number().int().min(1).max(REVIEW_PAGE.max).default(REVIEW_PAGE.default),
  cursor: z.string().min(1).max(500).optional(),
});
export type ProductReviewsInput = z.infer<typeof productReviewsInput>;

export const myReviewInput = z.object({ productId: z.string().min(1).max(200) });

export const reportReviewInput = z.object({
  reviewId: z.string().min(1).max(200),
  reason: z.string().trim().min(1).max(REVIEW_LIMITS.reason),
});

/**
 * A signed-in shopper marks a published review helpful (`helpful: true`) or takes it back
 * (`false`). It states the wanted end state rather than toggling, so a repeated click or a retry
 * changes nothing.
 */
export const helpfulVoteInput = z.object({
  reviewId: z.string().min(1).max(200),
  helpful: z.boolean(),
});
export type HelpfulVoteInput = z.infer<typeof helpfulVoteInput>;

export const reviewQueueInput = z.object({
  queue: z.enum(REVIEW_QUEUES),
  limit: z.number().int().min(1).max(REVIEW_PAGE.max).default(REVIEW_PAGE.max),
  cursor: z.string().min(1).max(500).optional(),
});
export type ReviewQueueInput = z.infer<typeof reviewQueueInput>;

export const reviewIdInput = z.object({ reviewId: z.string().min(1).max(200) });
export const rejectReviewInput = z.object({
  reviewId: z.string().min(1).max(200),
  reason: z.string().trim().min(1).max(REVIEW_LIMITS.reason),
});
export const replyReviewInput = z.object({
  reviewId: z.string().min(1).max(200),
  reply: z.string().trim().min(1).max(REVIEW_LIMITS.reply),
});

/** A product's published ratings: the average (null without reviews), the count and the stars histogram. */
export interface RatingSummary {
  average: number | null;
  count: number;
  /** Published reviews per star: index 0 is 1★, index 4 is 5★. */
  histogram: [number, number, number, number, number];
}

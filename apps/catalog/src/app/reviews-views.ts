import type { ReviewPhotoView } from "../contract-reviews.ts";
import type { reviews } from "../db/schema.ts";

type ReviewRow = typeof reviews.$inferSelect;

/**
 * A review as the product page shows it: no customer id, no moderation details. Its photos are
 * the uploads attached to it (app/review-photos.ts `photosOf`), as image views.
 */
export function publicReview(r: ReviewRow, photos: ReviewPhotoView[]) {
  return {
    id: r.id,
    productId: r.productId,
    authorName: r.authorName,
    rating: r.rating,
    title: r.title,
    body: r.body,
    photos,
    verified: r.verified,
    /** How many shoppers marked it helpful. */
    helpfulCount: r.helpfulCount,
    reply: r.reply,
    repliedAt: r.repliedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
export type PublicReview = ReturnType<typeof publicReview>;

/** A review as its author sees it: with its status and, when rejected, the reason. */
export function ownReview(r: ReviewRow, photos: ReviewPhotoView[]) {
  return { ...publicReview(r, photos), status: r.status, rejectReason: r.rejectReason };
}
export type OwnReview = ReturnType<typeof ownReview>;

/** A review as a moderator sees it (photos included: they are moderated with the text). */
export function moderatedReview(
  r: ReviewRow,
  photos: ReviewPhotoView[],
  reports: { reason: string; createdAt: Date }[] = [],
) {
  return { ...ownReview(r, photos), customerId: r.customerId, openReports: r.openReports, reports };
}
export type ModeratedReview = ReturnType<typeof moderatedReview>;

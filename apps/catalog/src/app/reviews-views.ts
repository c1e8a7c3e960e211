import type { reviews } from "../db/schema.ts";

type ReviewRow = typeof reviews.$inferSelect;

/** A review as the product page shows it: no customer id, no moderation details. */
export function publicReview(r: ReviewRow) {
  return {
    id: r.id,
    productId: r.productId,
    authorName: r.authorName,
    rating: r.rating,
    title: r.title,
    body: r.body,
    photos: r.photos,
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
export function ownReview(r: ReviewRow) {
  return { ...publicReview(r), status: r.status, rejectReason: r.rejectReason };
}
export type OwnReview = ReturnType<typeof ownReview>;

/** A review as a moderator sees it. */
export function moderatedReview(r: ReviewRow, reports: { reason: string; createdAt: Date }[] = []) {
  return { ...ownReview(r), customerId: r.customerId, openReports: r.openReports, reports };
}
export type ModeratedReview = ReturnType<typeof moderatedReview>;

import { keysetPage } from "@mercato/db/keyset";
import { recordAudit } from "@mercato/kit/audit";
import { conflict, notFound } from "@mercato/kit/errors";
import { and, desc, eq, gt, inArray, lt, or, sql } from "drizzle-orm";
import { canModerate, type ReviewAction, type ReviewQueueInput } from "../contract.ts";
import type { ReadDb } from "../db/queries.ts";
import { reviewReports, reviews } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";
import type { CatalogDeps } from "../deps.ts";
import { decodeReviewCursor, reviewCursorKey } from "../domain/review-rules.ts";
import { photosOf } from "./review-photos.ts";
import { clearHelpfulVotes } from "./reviews-helpful.ts";
import { refreshReviewSummary } from "./reviews-summary.ts";
import { moderatedReview } from "./reviews-views.ts";

type Deps = Pick<CatalogDeps, "db">;
type ReviewRow = typeof reviews.$inferSelect;

/** A moderation queue, oldest change last: pending reviews, or reviews with open reports. */
export async function reviewQueue(db: ReadDb, input: ReviewQueueInput) {
  const inQueue = input.queue === "pending" ? eq(reviews.status, "pending") : gt(reviews.openReports, 0);
  let after = sql`1 = 1`;
  if (input.cursor) {
    const c = decodeReviewCursor(input.cursor, "newest");
    after = or(
      lt(reviews.updatedAt, new Date(c.key)),
      and(eq(reviews.updatedAt, new Date(c.key)), lt(reviews.id, c.id)),
    )!;
  }
  const rows = await db
    .select()
    .from(reviews)
    .where(and(inQueue, after))
    .orderBy(desc(reviews.updatedAt), desc(reviews.id))
    .limit(input.limit + 1);
  const page = keysetPage(rows, input.limit, (last) => reviewCursorKey("newest", last.updatedAt.getTime(), last.id));
  const ids = page.items.map((r) => r.id);
  const photos = await photosOf(db, ids);
  const reports =
    ids.length === 0
      ? []
      : await db
          .select({
            reviewId: reviewReports.reviewId,
            reason: reviewReports.reason,
            createdAt: reviewReports.createdAt,
          })
          .from(reviewReports)
          .where(inArray(reviewReports.reviewId, ids));
  return {
    items: page.items.map((r) =>
      moderatedReview(
        r,
        photos.get(r.id) ?? [],
        reports.filter((x) => x.reviewId === r.id).map(({ reason, createdAt }) => ({ reason, createdAt })),
      ),
    ),
    nextCursor: page.nextCursor,
  };
}

/** Loads a review for a moderator's action, refusing an action its status does not allow. */
async function forAction(tx: CatalogTx, reviewId: string, action: ReviewAction): Promise<ReviewRow> {
  const [row] = await tx.select().from(reviews).where(eq(reviews.id, reviewId));
  if (!row) throw notFound("reviewId", "no such review");
  if (!canModerate(row.status, action)) throw conflict("reviewId", `a ${row.status} review does not allow "${action}"`);
  return row;
}

/** The reports of a review, handled: off the reported queue. */
async function closeReports(tx: CatalogTx, reviewId: string) {
  await tx.delete(reviewReports).where(eq(reviewReports.reviewId, reviewId));
}

async function saved(tx: CatalogTx, before: ReviewRow, set: Partial<ReviewRow>, action: string) {
  const [after] = await tx
    .update(reviews)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(reviews.id, before.id))
    .returning();
  if (before.status === "published" || after!.status === "published") await refreshReviewSummary(tx, before.productId);
  // A moderator's action never changes the photos: the same list before and after.
  const photos = (await photosOf(tx, [before.id])).get(before.id) ?? [];
  await recordAudit(tx, {
    action: `catalog.reviews.${action}`,
    targetId: before.id,
    before: moderatedReview(before, photos),
    after: moderatedReview(after!, photos),
  });
  return moderatedReview(after!, photos);
}

/** Publishes a pending (or previously rejected) review. */
export function publishReview(deps: Deps, reviewId: string) {
  return deps.db.write(async (tx) => {
    const row = await forAction(tx, reviewId, "publish");
    return saved(tx, row, { status: "published", rejectReason: null, publishedAt: new Date() }, "publish");
  });
}

/**
 * Rejects a review with a reason its author sees; a published one leaves the product page. Its
 * helpful votes go too: they endorsed a review the shop has now refused, and a later edit and
 * approval starts from none.
 */
export function rejectReview(deps: Deps, reviewId: string, reason: string) {
  return deps.db.write(async (tx) => {
    const row = await forAction(tx, reviewId, "reject");
    await closeReports(tx, reviewId);
    await clearHelpfulVotes(tx, reviewId);
    return saved(tx, row, { status: "rejected", rejectReason: reason, openReports: 0, helpfulCount: 0 }, "reject");
  });
}

/** Keeps a reported review published and closes its reports. */
export function dismissReports(deps: Deps, reviewId: string) {
  return deps.db.write(async (tx) => {
    const row = await forAction(tx, reviewId, "dismissReports");
    await closeReports(tx, reviewId);
    return saved(tx, row, { openReports: 0 }, "dismissReports");
  });
}

/** The shop's public answer under a review (replacing an earlier one). */
export function replyToReview(deps: Deps, reviewId: string, reply: string) {
  return deps.db.write(async (tx) => {
    const row = await forAction(tx, reviewId, "reply");
    return saved(tx, row, { reply, repliedAt: new Date() }, "reply");
  });
}

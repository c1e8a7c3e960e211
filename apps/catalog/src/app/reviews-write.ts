import { conflict, forbidden, notFound } from "@mercato/kit/errors";
import { and, eq } from "drizzle-orm";
import type { CreateReviewInput, ReviewStatus, UpdateReviewInput } from "../contract.ts";
import { products, purchases, reviews } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";
import type { CatalogDeps } from "../deps.ts";
import { photosOf, setReviewPhotos } from "./review-photos.ts";
import { clearHelpfulVotes } from "./reviews-helpful.ts";
import { refreshReviewSummary } from "./reviews-summary.ts";
import { ownReview } from "./reviews-views.ts";
import { removeUnusedUploads } from "./stored-uploads.ts";

type Deps = Pick<CatalogDeps, "db" | "env" | "media">;

/** A new or edited review waits for a moderator, unless the shop publishes reviews at once. */
function statusOnWrite(deps: Deps): ReviewStatus {
  return deps.env.REVIEWS_AUTO_PUBLISH ? "published" : "pending";
}

async function boughtIt(tx: CatalogTx, customerId: string, productId: string): Promise<boolean> {
  const [row] = await tx
    .select({ orderId: purchases.orderId })
    .from(purchases)
    .where(and(eq(purchases.customerId, customerId), eq(purchases.productId, productId)));
  return row !== undefined;
}

/** The review as its author sees it, photos included, read in the write's transaction. */
async function ownView(tx: CatalogTx, row: typeof reviews.$inferSelect) {
  const photos = await photosOf(tx, [row.id]);
  return ownReview(row, photos.get(row.id) ?? []);
}

/**
 * A signed-in shopper's review of an active product: one per product and customer. `photos` are
 * ids of photos this shopper uploaded (app/review-photos.ts), else a 400 naming `photos`.
 */
export function createReview(deps: Deps, customerId: string, input: CreateReviewInput) {
  return deps.db.write(async (tx) => {
    const [product] = await tx
      .select({ status: products.status })
      .from(products)
      .where(eq(products.id, input.productId));
    if (product?.status !== "active") throw notFound("productId", "no such product in the shop");
    const [existing] = await tx
      .select({ id: reviews.id })
      .from(reviews)
      .where(and(eq(reviews.productId, input.productId), eq(reviews.customerId, customerId)));
    if (existing) throw conflict("productId", "you already reviewed this product: edit your review instead");
    const now = new Date();
    const status = statusOnWrite(deps);
    const [row] = await tx
      .insert(reviews)
      .values({
        id: Bun.randomUUIDv7(),
        productId: input.productId,
        customerId,
        authorName: input.authorName,
        rating: input.rating,
        title: input.title,
        body: input.body,
        status,
        verified: await boughtIt(tx, customerId, input.productId),
        createdAt: now,
        updatedAt: now,
        publishedAt: status === "published" ? now : null,
      })
      .returning();
    // After the insert: the photos' rows point at the review. A new review had no photos, so none is dropped.
    await setReviewPhotos(tx, customerId, row!.id, input.photos);
    if (status === "published") await refreshReviewSummary(tx, input.productId);
    return ownView(tx, row!);
  });
}

/**
 * The author's edit: the review goes back to moderation (and off the product page until approved).
 * A changed rating, title or text drops its helpful votes (they were cast on words now gone); a
 * new author name or other photos keep them. Photos no longer listed are deleted, with their
 * stored copies unless something else still uses the same upload.
 */
export async function updateReview(deps: Deps, customerId: string, input: UpdateReviewInput) {
  const { review, dropped } = await deps.db.write(async (tx) => {
    const [current] = await tx.select().from(reviews).where(eq(reviews.id, input.reviewId));
    if (!current) throw notFound("reviewId", "no such review");
    if (current.customerId !== customerId) throw forbidden("reviewId", "only its author may edit a review");
    const now = new Date();
    const status = statusOnWrite(deps);
    const reworded = current.rating !== input.rating || current.title !== input.title || current.body !== input.body;
    if (reworded) await clearHelpfulVotes(tx, current.id);
    const dropped = await setReviewPhotos(tx, customerId, current.id, input.photos);
    const [row] = await tx
      .update(reviews)
      .set({
        authorName: input.authorName,
        rating: input.rating,
        title: input.title,
        body: input.body,
        status,
        rejectReason: null,
        updatedAt: now,
        publishedAt: status === "published" ? now : null,
        ...(reworded ? { helpfulCount: 0 } : {}),
      })
      .where(eq(reviews.id, input.reviewId))
      .returning();
    if (current.status === "published" || status === "published") await refreshReviewSummary(tx, current.productId);
    return { review: await ownView(tx, row!), dropped };
  });
  await removeUnusedUploads(deps, dropped);
  return review;
}

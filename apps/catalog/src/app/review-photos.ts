/**
 * Shoppers' review photos (#27): an upload goes through the product images' pipeline
 * (processUpload → deps.media, content-addressed), is recorded as the uploader's, and is attached
 * by id when that shopper writes their review. Reviews never carry URLs a shopper typed.
 */
import { conflict, invalid } from "@mercato/kit/errors";
import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";
import { REVIEW_LIMITS, type ReviewPhotoView, type reviewPhotoFields } from "../contract-reviews.ts";
import type { ReadDb } from "../db/queries.ts";
import { reviewPhotos } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";
import type { CatalogDeps } from "../deps.ts";
import { originalKey } from "../domain/image-media.ts";
import { imageUrls } from "./image-views.ts";
import { processUpload } from "./resize-image.ts";

type PhotoRow = typeof reviewPhotos.$inferSelect;

export function reviewPhotoView(row: PhotoRow): ReviewPhotoView {
  const { url, sizes } = imageUrls(row);
  return { id: row.id, alt: row.alt, width: row.width, height: row.height, url, sizes };
}

async function loosePhotoCount(db: ReadDb, customerId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(reviewPhotos)
    .where(and(eq(reviewPhotos.customerId, customerId), isNull(reviewPhotos.reviewId)));
  return row?.n ?? 0;
}

/**
 * Stores a shopper's photo and records it as theirs, not yet on a review. Refuses (400 naming
 * `file`) what processUpload refuses and anything over the review photo size; a shopper holding
 * REVIEW_LIMITS.loosePhotos unattached photos must use or drop some first (409 naming `file`).
 */
export async function uploadReviewPhoto(
  deps: Pick<CatalogDeps, "db" | "media">,
  customerId: string,
  input: { bytes: Uint8Array; fields: z.infer<typeof reviewPhotoFields> },
): Promise<ReviewPhotoView> {
  if (input.bytes.byteLength > REVIEW_LIMITS.photoBytes) {
    throw invalid("file", `a review photo may be at most ${REVIEW_LIMITS.photoBytes} bytes`);
  }
  const tooMany = () =>
    conflict("file", `you have ${REVIEW_LIMITS.loosePhotos} photos on no review: attach or remove some first`);
  // Checked before the (costly) resize, and again in the write, which is the one that counts.
  if ((await loosePhotoCount(deps.db.orm, customerId)) >= REVIEW_LIMITS.loosePhotos) throw tooMany();
  const image = await processUpload(input.bytes);
  // The original is not kept: a phone photo's own bytes carry its EXIF (the GPS position of the
  // shopper's home, the camera's serial), and the resized copies sharp re-encodes carry none.
  const original = originalKey(image.hash, image.type);
  // Objects first: a row never points at missing bytes (as product images do).
  for (const o of image.objects) if (o.key !== original) await deps.media.put(o.key, o.bytes, o.contentType);
  const row = await deps.db.write(async (tx) => {
    if ((await loosePhotoCount(tx, customerId)) >= REVIEW_LIMITS.loosePhotos) throw tooMany();
    const [inserted] = await tx
      .insert(reviewPhotos)
      .values({
        id: Bun.randomUUIDv7(),
        customerId,
        reviewId: null,
        alt: input.fields.alt,
        hash: image.hash,
        originalType: image.type,
        width: image.width,
        height: image.height,
        createdAt: new Date(),
      })
      .returning();
    return inserted;
  });
  if (!row) throw new Error("review photo insert returned no row");
  return reviewPhotoView(row);
}

/** The photos of each review, in their order: one query for a page of reviews. */
export async function photosOf(db: ReadDb, reviewIds: string[]): Promise<Map<string, ReviewPhotoView[]>> {
  const byReview = new Map<string, ReviewPhotoView[]>(reviewIds.map((id) => [id, []]));
  if (reviewIds.length === 0) return byReview;
  const rows = await db
    .select()
    .from(reviewPhotos)
    .where(inArray(reviewPhotos.reviewId, reviewIds))
    .orderBy(asc(reviewPhotos.reviewId), asc(reviewPhotos.position), asc(reviewPhotos.id));
  for (const r of rows) if (r.reviewId) byReview.get(r.reviewId)?.push(reviewPhotoView(r));
  return byReview;
}

/**
 * Makes `ids` (in that order) the review's photos, inside the review write. Each must be a photo
 * this customer uploaded, on no review or on this one; anything else is a 400 naming `photos`,
 * worded the same whether the id is unknown or someone else's, so ids cannot be probed. Photos the
 * review had and no longer lists are deleted; their rows are returned so the caller can remove
 * their stored copies after the commit.
 */
export async function setReviewPhotos(
  tx: CatalogTx,
  customerId: string,
  reviewId: string,
  ids: readonly string[],
): Promise<PhotoRow[]> {
  const listed =
    ids.length === 0
      ? []
      : await tx
          .select()
          .from(reviewPhotos)
          .where(inArray(reviewPhotos.id, [...ids]));
  const byId = new Map(listed.map((r) => [r.id, r]));
  for (const id of ids) {
    const row = byId.get(id);
    if (!row || row.customerId !== customerId) throw invalid("photos", `no photo "${id}" uploaded by you`);
    if (row.reviewId !== null && row.reviewId !== reviewId) {
      throw invalid("photos", `photo "${id}" is already on another review`);
    }
  }
  const current = await tx.select().from(reviewPhotos).where(eq(reviewPhotos.reviewId, reviewId));
  const dropped = current.filter((r) => !ids.includes(r.id));
  if (dropped.length > 0) {
    await tx.delete(reviewPhotos).where(
      inArray(
        reviewPhotos.id,
        dropped.map((r) => r.id),
      ),
    );
  }
  for (const [position, id] of ids.entries()) {
    await tx.update(reviewPhotos).set({ reviewId, position }).where(eq(reviewPhotos.id, id));
  }
  return dropped;
}

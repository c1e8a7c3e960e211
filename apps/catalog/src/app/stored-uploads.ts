/**
 * The stored copies of an upload are shared by content (keys are the original's SHA-256): a
 * product image and a review photo of the same bytes are one set of objects. They are removed
 * only when no row of either kind still names the hash.
 */
import { count, eq } from "drizzle-orm";
import type { ImageUploadType } from "../contract-images.ts";
import type { ReadDb } from "../db/queries.ts";
import { productImages, reviewPhotos } from "../db/schema.ts";
import type { CatalogDeps } from "../deps.ts";
import { keysOf } from "../domain/image-media.ts";

export async function uploadInUse(db: ReadDb, hash: string): Promise<boolean> {
  const [images] = await db.select({ n: count() }).from(productImages).where(eq(productImages.hash, hash));
  if ((images?.n ?? 0) > 0) return true;
  const [photos] = await db.select({ n: count() }).from(reviewPhotos).where(eq(reviewPhotos.hash, hash));
  return (photos?.n ?? 0) > 0;
}

/** Deletes each upload's objects unless a row still uses it (called after the rows are gone). */
export async function removeUnusedUploads(
  deps: Pick<CatalogDeps, "db" | "media">,
  uploads: { hash: string; originalType: ImageUploadType }[],
): Promise<void> {
  for (const u of uploads) {
    if (!(await uploadInUse(deps.db.orm, u.hash))) await deps.media.delete(keysOf(u.hash, u.originalType));
  }
}

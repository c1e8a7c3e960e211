import { asc, eq } from "drizzle-orm";
import type { ReadDb } from "../db/queries.ts";
import { type ProductImage, productImages } from "../db/schema.ts";
import { isUploadedImageUrl } from "../domain/image-media.ts";
import { imageUrls } from "./image-views.ts";

/**
 * A product's `images` column: its uploads first, in their order, then the images typed as URLs
 * (kept as given). Every write of the column goes through here, so a form that sends the typed
 * list alone never drops an upload, and a reader of `images` sees uploads without knowing of them.
 */
export async function imagesColumnOf(db: ReadDb, productId: string, typed: readonly ProductImage[]) {
  const rows = await db
    .select()
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.position), asc(productImages.id));
  const uploaded = rows.map((r) => ({ url: imageUrls(r).url, alt: r.alt, ...(r.sku ? { sku: r.sku } : {}) }));
  return [...uploaded, ...typed.filter((img) => !isUploadedImageUrl(img.url))];
}

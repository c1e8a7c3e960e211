import {
  IMAGE_FORMATS,
  IMAGE_WIDTHS,
  type ImageFormat,
  type ImageWidth,
  type ProductImageView,
} from "../contract-images.ts";
import type { productImages } from "../db/schema.ts";
import { DEFAULT_WIDTH, originalKey, sizedKey } from "../domain/image-media.ts";
import { mediaUrl } from "../storage/index.ts";

type Row = typeof productImages.$inferSelect;

/** Where each stored copy of an upload is served. */
export function imageUrls(row: Pick<Row, "hash" | "originalType">) {
  const sizes = Object.fromEntries(
    IMAGE_WIDTHS.map((w) => [w, Object.fromEntries(IMAGE_FORMATS.map((f) => [f, mediaUrl(sizedKey(row.hash, w, f))]))]),
  ) as Record<ImageWidth, Record<ImageFormat, string>>;
  return { originalUrl: mediaUrl(originalKey(row.hash, row.originalType)), url: sizes[DEFAULT_WIDTH].webp, sizes };
}

export function imageView(row: Row): ProductImageView {
  return {
    id: row.id,
    productId: row.productId,
    sku: row.sku,
    position: row.position,
    alt: row.alt,
    width: row.width,
    height: row.height,
    ...imageUrls(row),
  };
}

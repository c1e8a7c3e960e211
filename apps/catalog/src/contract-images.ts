/**
 * Uploaded product images (#27): the upload's limits and fields, the staff procedures' inputs and
 * what they answer. Pure, like contract.ts; the admin's upload form reads its limits from here.
 */
import { MEDIA_UPLOAD_MAX_BYTES } from "@mercato/registry";
import { z } from "zod";
import { PRODUCT_LIMITS, SKU_RULE } from "./contract.ts";

/** The formats an upload may be, by what its bytes are (the magic bytes), never by its name. */
export const IMAGE_UPLOAD_TYPES = ["image/jpeg", "image/png", "image/webp", "image/avif"] as const;
export type ImageUploadType = (typeof IMAGE_UPLOAD_TYPES)[number];

export const IMAGE_UPLOAD_LIMITS = {
  /** Bytes of one file. */
  maxBytes: MEDIA_UPLOAD_MAX_BYTES,
  /** Pixels of one image (width × height): a small file that decodes to a huge bitmap is refused. */
  maxPixels: 40_000_000,
  /** The narrowest side, so a resized copy is still a picture. */
  minSide: 64,
  /** Images of one product, its variants' included. */
  perProduct: PRODUCT_LIMITS.images,
  alt: PRODUCT_LIMITS.imageAlt,
} as const;

/**
 * The widths every upload is resized to, as WebP and AVIF; an image narrower than a width is not
 * enlarged (that copy keeps the original's width). The storefront's image loader picks among them.
 */
export const IMAGE_WIDTHS = [320, 640, 1280] as const;
export type ImageWidth = (typeof IMAGE_WIDTHS)[number];
export const IMAGE_FORMATS = ["webp", "avif"] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** The multipart form's text fields beside `file`. */
export const uploadImageFields = z.object({
  alt: z.string().trim().max(IMAGE_UPLOAD_LIMITS.alt).default(""),
  /** The variant the image shows; absent: the product as a whole. */
  sku: z.string().trim().min(1).max(SKU_RULE.maxLength).optional(),
});

export const productImagesInput = z.object({ productId: z.string().min(1) });
/** The product's images in their new order: every one of its image ids, once. */
export const reorderImagesInput = z.object({
  productId: z.string().min(1),
  ids: z.array(z.string().min(1)).min(1).max(IMAGE_UPLOAD_LIMITS.perProduct),
});
export const editImageInput = z.object({
  id: z.string().min(1),
  alt: z.string().trim().max(IMAGE_UPLOAD_LIMITS.alt),
  /** The variant the image shows, null for the whole product; absent: left as it is. */
  sku: z.string().trim().min(1).max(SKU_RULE.maxLength).nullable().optional(),
});
export const imageIdInput = z.object({ id: z.string().min(1) });

export interface ProductImageView {
  id: string;
  productId: string;
  /** The variant it shows, or null for the product as a whole. */
  sku: string | null;
  position: number;
  alt: string;
  width: number;
  height: number;
  /** The original as uploaded. */
  originalUrl: string;
  /** The 640-wide WebP: what a reader that knows one URL shows (the product's `images`). */
  url: string;
  /** Every resized copy: `{ 320: { webp, avif }, ... }`. */
  sizes: Record<ImageWidth, Record<ImageFormat, string>>;
}

/** Where uploaded images are served: `/media/products/<sha256>/<width>.<format>`. */
const UPLOADED_IMAGE = /^\/media\/products\/([0-9a-f]{64})\/(?:original\.[a-z]+|\d+\.(?:webp|avif))$/;

/**
 * The URL of an upload's copy that fits `width` (the narrowest stored width at least that wide,
 * else the widest) in `format`; null for a URL that is no upload (a placeholder, a typed URL).
 */
export function uploadedImageSrc(url: string, width: number, format: ImageFormat = "webp"): string | null {
  const hash = url.match(UPLOADED_IMAGE)?.[1];
  if (!hash) return null;
  const fit = IMAGE_WIDTHS.find((w) => w >= width) ?? IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1];
  return `/media/products/${hash}/${fit}.${format}`;
}

/**
 * Uploaded images' pure rules (#27): what their bytes are, where each copy is stored, what a
 * `/media/products/...` path may name. Keys are content-addressed (the SHA-256 of the original),
 * so a stored object never changes and is served as immutable.
 */
import {
  IMAGE_FORMATS,
  IMAGE_WIDTHS,
  type ImageFormat,
  type ImageUploadType,
  type ImageWidth,
} from "../contract-images.ts";

/** The folder of uploaded images under /media/ (beside the placeholders' `<name>.svg`). */
export const UPLOADS_PREFIX = "products/";

const EXTENSION: Record<ImageUploadType, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/avif": "avif",
};

/** sharp's name for a decoded format → the upload type it is, for the formats we take. */
const SHARP_FORMAT: Record<string, ImageUploadType> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  heif: "image/avif",
};

/**
 * What the leading bytes say the file is (JPEG, PNG, WebP, AVIF), or null for anything else. Read
 * before decoding, so a non-image never reaches the decoder.
 */
export function sniffImageType(bytes: Uint8Array): ImageUploadType | null {
  const at = (offset: number, ascii: string) => [...ascii].every((ch, i) => bytes[offset + i] === ch.charCodeAt(0));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes[0] === 0x89 && at(1, "PNG\r\n\x1a\n")) return "image/png";
  if (at(0, "RIFF") && at(8, "WEBP")) return "image/webp";
  // ISO-BMFF: a `ftyp` box whose major brand is AVIF (still image or sequence).
  if (at(4, "ftyp") && (at(8, "avif") || at(8, "avis"))) return "image/avif";
  return null;
}

/** Whether the decoder's verdict on the bytes agrees with what they claimed to be. */
export function decodedAs(sharpFormat: string | undefined): ImageUploadType | null {
  return (sharpFormat && SHARP_FORMAT[sharpFormat]) || null;
}

/** The stored key of an upload's original. */
export function originalKey(hash: string, type: ImageUploadType): string {
  return `${UPLOADS_PREFIX}${hash}/original.${EXTENSION[type]}`;
}

/** The stored key of one resized copy. */
export function sizedKey(hash: string, width: ImageWidth, format: ImageFormat): string {
  return `${UPLOADS_PREFIX}${hash}/${width}.${format}`;
}

/** Every key an upload writes: its original and each width in each format. */
export function keysOf(hash: string, type: ImageUploadType): string[] {
  return [originalKey(hash, type), ...IMAGE_WIDTHS.flatMap((w) => IMAGE_FORMATS.map((f) => sizedKey(hash, w, f)))];
}

const MEDIA_TYPE: Record<string, string> = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
};

/**
 * The key and content type a `/media/products/<hash>/<name>` request asks for, or null when the
 * path names nothing an upload writes (so no request path reaches the storage as it is).
 */
export function parseMediaPath(path: string): { key: string; contentType: string } | null {
  const m = path.match(/^products\/([0-9a-f]{64})\/(original\.(?:jpg|png|webp|avif)|(?:320|640|1280)\.(?:webp|avif))$/);
  if (!m) return null;
  const ext = m[2]?.split(".")[1] ?? "";
  const contentType = MEDIA_TYPE[ext];
  return contentType ? { key: path, contentType } : null;
}

/** The one URL a reader that knows one image URL shows: the middle width as WebP. */
export const DEFAULT_WIDTH: ImageWidth = 640;

/** Whether a product image URL is an upload's (kept in step with the uploads) or one typed by hand. */
export function isUploadedImageUrl(url: string): boolean {
  return url.startsWith(`/media/${UPLOADS_PREFIX}`);
}

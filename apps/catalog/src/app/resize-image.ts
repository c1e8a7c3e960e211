/**
 * Turns an uploaded file into what is stored (#27): its type checked from the magic bytes and
 * again by decoding, then the original plus each of IMAGE_WIDTHS as WebP and AVIF, under keys
 * made from the original's SHA-256.
 */
import { invalid } from "@mercato/kit/errors";
import sharp, { type Metadata } from "sharp";
import { IMAGE_UPLOAD_LIMITS, IMAGE_WIDTHS, type ImageUploadType } from "../contract-images.ts";
import { decodedAs, originalKey, sizedKey, sniffImageType } from "../domain/image-media.ts";

export interface ProcessedImage {
  hash: string;
  type: ImageUploadType;
  width: number;
  height: number;
  objects: { key: string; bytes: Uint8Array; contentType: string }[];
}

/** Refuses (400 naming `file`) what is no image of an accepted type, too large, or unreadable. */
export async function processUpload(bytes: Uint8Array): Promise<ProcessedImage> {
  if (bytes.byteLength === 0) throw invalid("file", "the file is empty");
  if (bytes.byteLength > IMAGE_UPLOAD_LIMITS.maxBytes) {
    throw invalid("file", `the file is larger than the ${IMAGE_UPLOAD_LIMITS.maxBytes} bytes allowed`);
  }
  const type = sniffImageType(bytes);
  if (!type) throw invalid("file", "not a JPEG, PNG, WebP or AVIF image");
  // limitInputPixels refuses a decompression bomb before its bitmap is allocated.
  const source = () => sharp(bytes, { limitInputPixels: IMAGE_UPLOAD_LIMITS.maxPixels, failOn: "error" });
  let meta: Metadata;
  try {
    meta = await source().metadata();
  } catch {
    throw invalid("file", "the image could not be read");
  }
  if (decodedAs(meta.format) !== type) throw invalid("file", "the file's contents do not match its image type");
  // EXIF orientation: a phone photo taken upright has its width and height swapped until rotated.
  const upright = (meta.orientation ?? 1) >= 5;
  const width = (upright ? meta.height : meta.width) ?? 0;
  const height = (upright ? meta.width : meta.height) ?? 0;
  if (width * height > IMAGE_UPLOAD_LIMITS.maxPixels) {
    throw invalid("file", `the image has more than ${IMAGE_UPLOAD_LIMITS.maxPixels} pixels`);
  }
  if (Math.min(width, height) < IMAGE_UPLOAD_LIMITS.minSide) {
    throw invalid("file", `the image must be at least ${IMAGE_UPLOAD_LIMITS.minSide} pixels on each side`);
  }
  const hash = new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
  const objects: ProcessedImage["objects"] = [{ key: originalKey(hash, type), bytes, contentType: type }];
  try {
    for (const w of IMAGE_WIDTHS) {
      const resized = source().rotate().resize({ width: w, withoutEnlargement: true });
      const [webp, avif] = await Promise.all([
        resized.clone().webp({ quality: 80 }).toBuffer(),
        // effort 2 of 9: AVIF's slowest settings cost seconds per image for a few percent of bytes.
        resized.clone().avif({ quality: 55, effort: 2 }).toBuffer(),
      ]);
      objects.push({ key: sizedKey(hash, w, "webp"), bytes: new Uint8Array(webp), contentType: "image/webp" });
      objects.push({ key: sizedKey(hash, w, "avif"), bytes: new Uint8Array(avif), contentType: "image/avif" });
    }
  } catch {
    throw invalid("file", "the image could not be converted");
  }
  return { hash, type, width, height, objects };
}

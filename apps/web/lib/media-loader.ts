import { uploadedImageSrc } from "@mercato/catalog/contract-images";

/**
 * next/image's loader (next.config.ts `images.loaderFile`): an uploaded product image is served
 * at the catalog's stored widths (320/640/1280, resized at upload), so the loader names the copy
 * that fits instead of asking a resizing server. Anything else (placeholders) is served as it is.
 */
export default function mediaLoader({ src, width }: { src: string; width: number }): string {
  return uploadedImageSrc(src, width) ?? src;
}

import { uploadedImageSrc } from "@mercato/catalog/contract-images";
import Image from "next/image";

/**
 * A product image filling its (positioned) box. An upload goes through next/image, whose loader
 * (lib/media-loader.ts) lists the catalog's stored widths in `srcset` for the browser to choose by
 * `sizes`; anything else (a placeholder, a typed URL) is a plain <img>.
 */
export function ProductPicture({
  url,
  alt,
  sizes,
  eager = false,
  className = "",
}: {
  url: string;
  alt: string;
  /** How wide the box is at each viewport, as in <img sizes>. */
  sizes: string;
  /** Above the fold: loaded at once instead of when scrolled near. */
  eager?: boolean;
  className?: string;
}) {
  if (uploadedImageSrc(url, 0) === null) {
    return (
      <img
        src={url}
        alt={alt}
        loading={eager ? "eager" : "lazy"}
        draggable={false}
        className={`h-full w-full ${className}`}
      />
    );
  }
  return (
    <Image
      src={url}
      alt={alt}
      fill
      sizes={sizes}
      loading={eager ? "eager" : "lazy"}
      draggable={false}
      className={className}
    />
  );
}

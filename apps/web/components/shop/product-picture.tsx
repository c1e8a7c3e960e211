import { uploadedImageSrc } from "@mercato/catalog/contract-images";
import { getImageProps, type ImageLoader } from "next/image";

/** The AVIF copy at the stored width that fits (the loader file, lib/media-loader.ts, names the WebP). */
const avifLoader: ImageLoader = ({ src, width }) => uploadedImageSrc(src, width, "avif") ?? src;

/**
 * A product image filling its (positioned) box. An upload goes through next/image
 * (`getImageProps`, whose loader — lib/media-loader.ts — lists the catalog's stored widths in
 * `srcset` for the browser to choose by `sizes`) inside a <picture>: an AVIF source first, for the
 * browsers that take it (about a fifth smaller than the WebP at the same width), then the WebP
 * <img> for the rest. Anything else (a placeholder, a typed URL) is a plain <img>.
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
  const common = { src: url, alt, fill: true, sizes, loading: eager ? "eager" : "lazy", className } as const;
  const avif = getImageProps({ ...common, loader: avifLoader }).props;
  const { props: webp } = getImageProps(common);
  return (
    <picture>
      <source type="image/avif" srcSet={avif.srcSet} sizes={avif.sizes} />
      <img {...webp} alt={alt} draggable={false} />
    </picture>
  );
}

"use client";
import { type MouseEvent, type TouchEvent, useEffect, useRef, useState } from "react";
import { ProductPicture } from "./product-picture.tsx";
import { useSelectedVariant } from "./selected-variant.tsx";

interface Image {
  url: string;
  alt: string;
  /** The variant this image shows (an upload staff tied to one); absent: the whole product. */
  sku?: string | undefined;
}

/**
 * The product's images. A row of full-width slides in a CSS scroll-snap track: swiped on a phone
 * (the browser's own scrolling, no library), stepped by thumbnails or the arrow buttons. Tapping a
 * slide opens it enlarged in a modal <dialog> (focus stays inside, Escape closes, the arrow keys
 * step), where a tap zooms in further at that point. When the shopper picks a variant in the buy
 * box, the gallery moves to that variant's first image (if staff gave it one).
 */
export function ProductGallery({ images, title }: { images: Image[]; title: string }) {
  const [index, setIndex] = useState(0);
  const [zoomed, setZoomed] = useState<{ x: number; y: number } | null>(null);
  const track = useRef<HTMLUListElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const count = images.length;
  const alt = (img: Image | undefined) => img?.alt || title;
  const [selectedSku] = useSelectedVariant();

  const show = (i: number, smooth = true) => {
    const next = (i + count) % count;
    setIndex(next);
    const el = track.current;
    if (el) el.scrollTo({ left: next * el.clientWidth, behavior: smooth ? "smooth" : "auto" });
  };
  const onScroll = () => {
    const el = track.current;
    if (!el || el.clientWidth === 0) return;
    const i = Math.round(el.scrollLeft / el.clientWidth);
    if (i !== index && i >= 0 && i < count) setIndex(i);
  };
  // Follow the buy box: a newly picked variant with an image of its own brings that image into view.
  // Only the pick is a dependency: the shopper may then swipe elsewhere without being pulled back.
  useEffect(() => {
    if (!selectedSku) return;
    const i = images.findIndex((img) => img.sku === selectedSku);
    if (i >= 0 && i !== index) show(i, false);
  }, [selectedSku]);
  // A swipe the browser did not scroll itself (some embedded or synthetic touch input) still steps.
  const swipe = useRef<{ x: number; y: number; left: number } | null>(null);
  const onTouchStart = (e: TouchEvent<HTMLUListElement>) => {
    const t = e.touches[0];
    swipe.current = t && track.current ? { x: t.clientX, y: t.clientY, left: track.current.scrollLeft } : null;
  };
  const onTouchEnd = (e: TouchEvent<HTMLUListElement>) => {
    const start = swipe.current;
    swipe.current = null;
    const t = e.changedTouches[0];
    const el = track.current;
    if (!start || !t || !el || Math.abs(el.scrollLeft - start.left) > 1) return; // scrolled: snapping handles it
    const dx = t.clientX - start.x;
    if (Math.abs(dx) < 40 || Math.abs(dx) < Math.abs(t.clientY - start.y)) return;
    show(index + (dx < 0 ? 1 : -1));
  };
  const enlarge = () => {
    setZoomed(null);
    dialog.current?.showModal();
  };
  const zoomAt = (e: MouseEvent<HTMLButtonElement>) => {
    if (zoomed) return setZoomed(null);
    const box = e.currentTarget.getBoundingClientRect();
    setZoomed({ x: ((e.clientX - box.left) / box.width) * 100, y: ((e.clientY - box.top) / box.height) * 100 });
  };

  if (count === 0) return <div className="aspect-square rounded-2xl bg-neutral-100" />;
  const current = images[index] ?? images[0];

  return (
    <section aria-roledescription="carousel" aria-label={`Images of ${title}`} data-testid="gallery">
      <div className="relative">
        <ul
          ref={track}
          onScroll={onScroll}
          onTouchStart={onTouchStart}
          onTouchEnd={onTouchEnd}
          className="flex aspect-square snap-x snap-mandatory overflow-x-auto overscroll-x-contain rounded-2xl bg-neutral-100 [scrollbar-width:none]"
          data-testid="gallery-track"
        >
          {images.map((img, i) => (
            <li key={img.url} className="h-full w-full shrink-0 snap-center">
              <button
                type="button"
                onClick={enlarge}
                aria-label={`Enlarge image ${i + 1} of ${count}: ${alt(img)}`}
                className="relative block h-full w-full cursor-zoom-in"
                tabIndex={i === index ? 0 : -1}
              >
                <ProductPicture
                  url={img.url}
                  alt=""
                  sizes="(min-width: 1024px) 50vw, 100vw"
                  eager={i === 0}
                  className="object-cover"
                />
              </button>
            </li>
          ))}
        </ul>
        {count > 1 ? (
          <>
            <button
              type="button"
              onClick={() => show(index - 1)}
              aria-label="Previous image"
              className="absolute top-1/2 left-2 hidden h-10 w-10 -translate-y-1/2 place-items-center rounded-full bg-white/90 text-ink shadow md:grid"
            >
              <span aria-hidden>‹</span>
            </button>
            <button
              type="button"
              onClick={() => show(index + 1)}
              aria-label="Next image"
              className="absolute top-1/2 right-2 hidden h-10 w-10 -translate-y-1/2 place-items-center rounded-full bg-white/90 text-ink shadow md:grid"
            >
              <span aria-hidden>›</span>
            </button>
            <p
              className="absolute right-3 bottom-3 rounded-full bg-black/70 px-2 py-0.5 text-xs font-medium text-white"
              aria-live="polite"
              data-testid="gallery-position"
            >
              {index + 1} / {count}
            </p>
          </>
        ) : null}
      </div>
      {count > 1 ? (
        <ul className="mt-3 grid grid-cols-5 gap-2" aria-label="More images">
          {images.map((img, i) => (
            <li key={img.url}>
              <button
                type="button"
                onClick={() => show(i)}
                aria-label={`Show image ${i + 1} of ${count}`}
                aria-current={i === index}
                className={`relative block aspect-square w-full overflow-hidden rounded-lg border-2 ${i === index ? "border-brand-600" : "border-transparent"}`}
              >
                <ProductPicture url={img.url} alt="" sizes="20vw" className="object-cover" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      <dialog
        ref={dialog}
        aria-label={`${alt(current)}, enlarged`}
        data-testid="gallery-zoom"
        onKeyDown={(e) => {
          if (e.key === "Tab") {
            // Keep Tab inside the dialog: from the last control back to the first, and the reverse.
            const controls = [...e.currentTarget.querySelectorAll<HTMLElement>("button")];
            const [first, last] = [controls[0], controls.at(-1)];
            if (!e.shiftKey && document.activeElement === last) {
              e.preventDefault();
              first?.focus();
            } else if (e.shiftKey && document.activeElement === first) {
              e.preventDefault();
              last?.focus();
            }
            return;
          }
          if (count < 2) return;
          if (e.key === "ArrowRight") show(index + 1, false);
          if (e.key === "ArrowLeft") show(index - 1, false);
        }}
        onClose={() => setZoomed(null)}
        className="m-0 h-[100dvh] max-h-[100dvh] w-full max-w-full bg-black/95 p-0 text-white backdrop:bg-black/80"
      >
        <div className="flex h-full flex-col">
          <div className="flex items-center justify-between gap-3 px-4 py-3">
            <p className="text-sm" aria-live="polite">
              {index + 1} / {count}
            </p>
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-lg bg-white/10 px-3 py-1.5 text-sm font-medium hover:bg-white/20"
            >
              Close
            </button>
          </div>
          <div className="relative min-h-0 flex-1 overflow-hidden">
            <button
              type="button"
              onClick={zoomAt}
              aria-label="Zoom in"
              aria-pressed={zoomed !== null}
              className={`block h-full w-full ${zoomed ? "cursor-zoom-out" : "cursor-zoom-in"}`}
            >
              <img
                src={current?.url}
                alt={alt(current)}
                draggable={false}
                className="h-full w-full object-contain transition-transform duration-200"
                style={zoomed ? { transform: "scale(2.5)", transformOrigin: `${zoomed.x}% ${zoomed.y}%` } : undefined}
                data-testid="gallery-zoom-image"
              />
            </button>
            {count > 1 ? (
              <>
                <button
                  type="button"
                  onClick={() => show(index - 1, false)}
                  aria-label="Previous image"
                  className="absolute top-1/2 left-2 grid h-11 w-11 -translate-y-1/2 place-items-center rounded-full bg-white/15 text-xl"
                >
                  <span aria-hidden>‹</span>
                </button>
                <button
                  type="button"
                  onClick={() => show(index + 1, false)}
                  aria-label="Next image"
                  className="absolute top-1/2 right-2 grid h-11 w-11 -translate-y-1/2 place-items-center rounded-full bg-white/15 text-xl"
                >
                  <span aria-hidden>›</span>
                </button>
              </>
            ) : null}
          </div>
        </div>
      </dialog>
    </section>
  );
}

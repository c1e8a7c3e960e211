"use client";
import { useState } from "react";

/** The product's images: a large one and, when there are several, thumbnails to switch. */
export function ProductGallery({ images, title }: { images: { url: string; alt: string }[]; title: string }) {
  const [index, setIndex] = useState(0);
  const current = images[index] ?? images[0];
  return (
    <div>
      <div className="aspect-square overflow-hidden rounded-2xl bg-neutral-100">
        {current ? <img src={current.url} alt={current.alt || title} className="h-full w-full object-cover" /> : null}
      </div>
      {images.length > 1 ? (
        <ul className="mt-3 grid grid-cols-5 gap-2" aria-label="More images">
          {images.map((img, i) => (
            <li key={img.url}>
              <button
                type="button"
                onClick={() => setIndex(i)}
                aria-label={`Show image ${i + 1} of ${images.length}`}
                aria-current={i === index}
                className={`block aspect-square w-full overflow-hidden rounded-lg border-2 ${i === index ? "border-brand-600" : "border-transparent"}`}
              >
                <img src={img.url} alt="" className="h-full w-full object-cover" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

"use client";
import { REVIEW_LIMITS, type ReviewPhotoView } from "@mercato/catalog/contract";
import { IMAGE_UPLOAD_TYPES } from "@mercato/catalog/contract-images";
import { type ChangeEvent, useId, useState } from "react";
import { getToken } from "@/lib/auth-client.ts";
import { ProductPicture } from "./product-picture.tsx";

/** What a photo shows, for screen readers: the shopper's words, else where it comes from. */
export function photoAlt(photo: ReviewPhotoView, index: number, count: number, authorName: string): string {
  if (photo.alt) return photo.alt;
  const who = authorName.trim() || "the reviewer";
  return `Photo ${index + 1} of ${count} from ${who}'s review`;
}

/**
 * A review's photos as thumbnails: each an upload drawn by next/image (ProductPicture: the stored
 * 320/640/1280 copies in `srcset`, AVIF first), linking to its widest copy for a closer look.
 */
export function ReviewPhotos({ photos, authorName }: { photos: readonly ReviewPhotoView[]; authorName: string }) {
  if (photos.length === 0) return null;
  return (
    <ul aria-label="Photos from the reviewer" className="mt-3 flex flex-wrap gap-2">
      {photos.map((p, i) => {
        const alt = photoAlt(p, i, photos.length, authorName);
        return (
          <li key={p.id}>
            <a
              href={p.sizes[1280].webp}
              target="_blank"
              rel="noopener"
              className="relative block h-24 w-24 overflow-hidden rounded-lg border border-neutral-200 bg-neutral-50"
            >
              <ProductPicture url={p.url} alt={alt} sizes="96px" className="object-cover" />
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** Sends one file to the catalog's review photo route (through this origin's /media proxy). */
async function uploadReviewPhoto(file: File): Promise<ReviewPhotoView> {
  const form = new FormData();
  form.set("file", file, file.name);
  const token = await getToken();
  const res = await fetch("/media/reviews/photos", {
    method: "POST",
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) {
    // An RFC 9457 problem: `detail` is "<field>: <reason>".
    const body = (await res.json().catch(() => null)) as { detail?: string } | null;
    const reason = body?.detail?.replace(/^[\w.-]+: /, "") ?? `the upload failed (${res.status})`;
    throw new Error(`${file.name}: ${reason}`);
  }
  return (await res.json()) as ReviewPhotoView;
}

/**
 * The write-review form's photos: a labelled file input that uploads each chosen file at once
 * and shows its thumbnail with a remove button. The review write then sends the photos' ids.
 */
export function ReviewPhotoInput({
  photos,
  onChange,
  authorName,
  error,
}: {
  photos: readonly ReviewPhotoView[];
  onChange: (photos: ReviewPhotoView[]) => void;
  authorName: string;
  error?: string | undefined;
}) {
  const inputId = useId();
  const [uploading, setUploading] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const room = REVIEW_LIMITS.photos - photos.length;
  const shown = problem ?? error ?? null;

  async function onFiles(e: ChangeEvent<HTMLInputElement>) {
    const files = [...(e.target.files ?? [])];
    e.target.value = "";
    setProblem(null);
    if (files.length > room) setProblem(`A review has at most ${REVIEW_LIMITS.photos} photos.`);
    let next = [...photos];
    for (const file of files.slice(0, Math.max(room, 0))) {
      setUploading((n) => n + 1);
      try {
        next = [...next, await uploadReviewPhoto(file)];
        onChange(next);
      } catch (err) {
        setProblem(err instanceof Error ? err.message : String(err));
      } finally {
        setUploading((n) => n - 1);
      }
    }
  }

  return (
    <div className="text-sm">
      <label htmlFor={inputId} className="mb-1 block font-medium text-neutral-700">
        Photos (optional, up to {REVIEW_LIMITS.photos})
      </label>
      <input
        id={inputId}
        name="review-photos"
        type="file"
        multiple
        accept={IMAGE_UPLOAD_TYPES.join(",")}
        disabled={room <= 0 || uploading > 0}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? `${inputId}-error` : `${inputId}-hint`}
        onChange={(e) => void onFiles(e)}
        className="block w-full text-sm text-neutral-700 file:mr-3 file:rounded-lg file:border file:border-neutral-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
      />
      {shown ? (
        <span id={`${inputId}-error`} role="alert" className="mt-1 block text-xs text-red-600">
          {shown}
        </span>
      ) : (
        <span id={`${inputId}-hint`} className="mt-1 block text-xs text-neutral-500">
          JPEG, PNG, WebP or AVIF, up to {Math.round(REVIEW_LIMITS.photoBytes / (1024 * 1024))} MB each.
        </span>
      )}
      {uploading > 0 ? (
        <span role="status" className="mt-1 block text-xs text-neutral-600">
          Uploading…
        </span>
      ) : null}
      {photos.length > 0 ? (
        <ul aria-label="Your photos" className="mt-2 flex flex-wrap gap-2">
          {photos.map((p, i) => (
            <li key={p.id} className="flex flex-col items-center gap-1">
              <span className="relative block h-20 w-20 overflow-hidden rounded-lg border border-neutral-200 bg-neutral-50">
                <ProductPicture
                  url={p.url}
                  alt={photoAlt(p, i, photos.length, authorName)}
                  sizes="80px"
                  className="object-cover"
                />
              </span>
              <button
                type="button"
                className="text-xs text-neutral-700 underline"
                aria-label={`Remove photo ${i + 1}`}
                onClick={() => onChange(photos.filter((x) => x.id !== p.id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

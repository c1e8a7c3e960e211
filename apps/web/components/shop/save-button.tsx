"use client";
import { useState } from "react";
import { errorMessage } from "@/lib/shop/errors.ts";
import { useWishlist } from "@/lib/shop/wishlist.ts";

function Heart({ filled }: { filled: boolean }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="h-5 w-5" fill={filled ? "currentColor" : "none"}>
      <path
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
        d="M12 20s-7-4.35-7-10a4 4 0 0 1 7-2.65A4 4 0 0 1 19 10c0 5.65-7 10-7 10Z"
      />
    </svg>
  );
}

/**
 * Saves a variant to the wishlist, or takes it off again (a toggle: `aria-pressed`). `compact` is
 * the round heart on a listing card; otherwise a labelled button beside "Add to cart".
 */
export function SaveButton({ sku, title, compact = false }: { sku: string; title: string; compact?: boolean }) {
  const { saved, add, remove, loading } = useWishlist();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isSaved = saved(sku);
  const label = isSaved ? `Remove ${title} from your wishlist` : `Save ${title} to your wishlist`;
  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      await (isSaved ? remove(sku) : add(sku));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button
        type="button"
        aria-pressed={isSaved}
        aria-label={compact ? label : undefined}
        title={label}
        disabled={busy || loading}
        onClick={toggle}
        data-testid="save-button"
        className={
          compact
            ? "inline-flex h-9 w-9 items-center justify-center rounded-full bg-white/95 text-brand-700 shadow-sm hover:bg-white disabled:opacity-60"
            : "inline-flex items-center justify-center gap-2 rounded-lg border border-neutral-300 bg-white px-4 py-3 text-base font-medium text-ink hover:bg-neutral-50 disabled:opacity-60"
        }
      >
        <Heart filled={isSaved} />
        {compact ? null : <span>{isSaved ? "Saved" : "Save"}</span>}
      </button>
      {error ? (
        <span role="alert" className="sr-only">
          {error}
        </span>
      ) : null}
    </>
  );
}

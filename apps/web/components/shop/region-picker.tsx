"use client";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useCart } from "@/lib/shop/cart.tsx";
import { errorMessage } from "@/lib/shop/errors.ts";
import { regionCookie, regionLabel } from "@/lib/shop/region-choice.ts";
import { useRegion } from "@/lib/shop/region-context.tsx";

/**
 * Where the shopper shops: the catalog's regions ("United Kingdom · £ GBP"). A pick re-prices the
 * cart first (`cart.setRegion`), then is remembered in the region cookie and the page is rendered
 * again on the server, so every price on it is in the new currency.
 */
export function RegionPicker({ className = "" }: { className?: string }) {
  const { region, regions } = useRegion();
  const { setRegion } = useCart();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = async (next: string) => {
    if (next === region.id) return;
    setBusy(true);
    setError(null);
    try {
      await setRegion(next);
      // biome-ignore lint/suspicious/noDocumentCookie: a plain cookie so server components read it; the id is encoded
      document.cookie = regionCookie(next, window.location.protocol === "https:");
      startTransition(() => router.refresh());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={className}>
      <label htmlFor={id} className="sr-only">
        Region and currency
      </label>
      <select
        id={id}
        data-testid="region-picker"
        value={region.id}
        disabled={busy || pending}
        onChange={(e) => void pick(e.target.value)}
        className="max-w-[14rem] rounded-lg border border-neutral-300 bg-white px-2 py-1.5 text-sm text-neutral-700 hover:border-neutral-500 disabled:opacity-60"
      >
        {regions.map((r) => (
          <option key={r.id} value={r.id}>
            {regionLabel(r)}
          </option>
        ))}
      </select>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button.tsx";

/** Any storefront page that failed to render: say so plainly and offer a retry. */
export default function ShopError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl px-4 py-20 text-center" role="alert">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-3 text-neutral-600">
        We could not load this page. It is usually brief: try again in a moment.
        {error.digest ? <span className="mt-1 block text-xs text-neutral-400">Reference: {error.digest}</span> : null}
      </p>
      <div className="mt-6 flex justify-center gap-3">
        <Button onClick={reset}>Try again</Button>
        <Link
          href="/"
          className="rounded-lg border border-neutral-300 px-4 py-2 text-sm font-medium hover:bg-neutral-50"
        >
          Go to the home page
        </Link>
      </div>
    </div>
  );
}

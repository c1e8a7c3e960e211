// A rating's stars and a product's rating summary: plain markup without hooks, so the server-rendered
// reviews section (reviews-section.tsx), the interactive one (product-reviews.tsx) and the product
// page's header all show the same thing from one place, without pulling either section's code in.
import { RATING, type RatingSummary } from "@mercato/catalog/contract";

/** "★★★★☆" with the number for screen readers. */
export function Stars({ rating, label }: { rating: number; label?: string }) {
  const whole = Math.round(rating);
  return (
    <span role="img" aria-label={label ?? `${rating} out of ${RATING.max} stars`} className="text-amber-600">
      {"★".repeat(whole)}
      <span className="text-neutral-400">{"★".repeat(RATING.max - whole)}</span>
    </span>
  );
}

/** The average, the count and a bar per star. */
export function ReviewsSummary({ summary }: { summary: RatingSummary }) {
  if (summary.count === 0 || summary.average === null) {
    return <p className="text-sm text-neutral-600">No reviews yet.</p>;
  }
  return (
    <div className="flex flex-wrap gap-8">
      <div>
        <p className="text-4xl font-semibold">{summary.average.toFixed(1)}</p>
        <Stars rating={summary.average} />
        <p className="text-sm text-neutral-600">
          {summary.count} {summary.count === 1 ? "review" : "reviews"}
        </p>
      </div>
      <ol className="min-w-56 flex-1 space-y-1 text-sm" aria-label="Ratings histogram">
        {[5, 4, 3, 2, 1].map((star) => {
          const n = summary.histogram[star - 1] ?? 0;
          const share = Math.round((n / summary.count) * 100);
          return (
            <li key={star} className="flex items-center gap-2">
              <span className="w-8 text-neutral-700">{star}★</span>
              <span className="h-2 flex-1 rounded bg-neutral-200" aria-hidden="true">
                <span className="block h-2 rounded bg-amber-500" style={{ width: `${share}%` }} />
              </span>
              <span className="w-20 text-right text-neutral-700">
                {n} <span className="sr-only">with {star} stars</span>
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

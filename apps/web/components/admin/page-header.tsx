import type { ReactNode } from "react";
import { Button } from "@/components/ui/button.tsx";

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-sm text-neutral-500">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

/** A white panel with an optional heading. */
export function Card({
  title,
  actions,
  children,
  className = "",
}: {
  title?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`rounded-xl border border-neutral-200 bg-white shadow-sm ${className}`}>
      {title ? (
        <div className="flex items-center justify-between gap-2 border-b border-neutral-100 px-5 py-3">
          <h2 className="text-sm font-semibold text-neutral-800">{title}</h2>
          {actions}
        </div>
      ) : null}
      <div className="p-5">{children}</div>
    </section>
  );
}

/**
 * A table with the admin's shared styling; pass <thead>/<tbody> as children. On a phone it
 * scrolls sideways inside its own box. The box is `relative` so that it also clips the absolutely
 * positioned `sr-only` texts in its cells (a hidden "Actions" header): without a positioned
 * ancestor inside the box they escaped it and widened the whole page.
 */
export function Table({ children, label }: { children: ReactNode; label: string }) {
  return (
    <div className="relative overflow-x-auto rounded-xl border border-neutral-200 bg-white shadow-sm">
      <table
        aria-label={label}
        className="w-full text-left text-sm [&_td]:px-4 [&_td]:py-2.5 [&_th]:whitespace-nowrap [&_th]:px-4 [&_th]:py-2.5"
      >
        {children}
      </table>
    </div>
  );
}

export const theadClass =
  "border-b border-neutral-200 bg-neutral-50 text-xs font-medium uppercase tracking-wide text-neutral-500";
export const rowClass = "border-b border-neutral-100 last:border-0 hover:bg-neutral-50";

/** "Load more" under a cursor-paginated list (a TanStack infinite query). */
export function LoadMore({
  list,
  className = "flex justify-center",
}: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  className?: string;
}) {
  if (!list.hasNextPage) return null;
  return (
    <div className={className}>
      <Button variant="secondary" disabled={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
        {list.isFetchingNextPage ? "Loading…" : "Load more"}
      </Button>
    </div>
  );
}

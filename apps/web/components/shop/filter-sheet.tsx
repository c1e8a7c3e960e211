"use client";
import Link from "next/link";
import { type ReactNode, useRef } from "react";

interface Props {
  /** How many products the current filters list (the server's count for the URL shown). */
  total: number;
  /** How many filters are set, shown on the button that opens the sheet. */
  active: number;
  /** The listing's URL without its filters, or null when none is set. */
  clearHref: string | null;
  children: ReactNode;
}

/**
 * The phone's filters: a full-height modal sheet (a native <dialog>: focus stays inside, Escape
 * closes it, the page behind is inert) whose body scrolls, so every facet can be reached on a
 * small screen. Filters apply as they are chosen; "Show N products" closes the sheet on the list.
 */
export function FilterSheet({ total, active, clearHref, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = () => dialog.current?.close();
  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        aria-haspopup="dialog"
        className="rounded-lg border border-neutral-300 px-3 py-1.5 text-sm font-medium lg:hidden"
      >
        Filters{active > 0 ? ` (${active})` : ""}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="filter-sheet-title"
        data-testid="filter-sheet"
        className="m-0 h-[100dvh] max-h-[100dvh] w-full max-w-full bg-transparent p-0 backdrop:bg-black/40 sm:ml-auto sm:w-96"
      >
        <div className="flex h-full flex-col bg-white">
          <div className="flex items-center justify-between border-b border-neutral-200 px-4 py-3">
            <h2 id="filter-sheet-title" className="text-base font-semibold">
              Filters
            </h2>
            <button
              type="button"
              onClick={close}
              className="rounded-lg px-3 py-1.5 text-sm font-medium text-neutral-700 hover:bg-neutral-100"
            >
              Close
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain px-4 py-4" data-testid="filter-sheet-body">
            {children}
          </div>
          <div className="flex items-center gap-3 border-t border-neutral-200 px-4 py-3">
            {clearHref !== null ? (
              <Link href={clearHref} scroll={false} className="px-2 py-2 text-sm font-medium text-brand-700 underline">
                Clear all
              </Link>
            ) : null}
            <button
              type="button"
              onClick={close}
              className="flex-1 rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-700"
            >
              Show {total} {total === 1 ? "product" : "products"}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}

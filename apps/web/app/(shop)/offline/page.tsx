import type { Metadata } from "next";
import { SavedPages } from "./saved-pages.tsx";

export const metadata: Metadata = { title: "You are offline", robots: { index: false } };

/**
 * What a navigation shows when the network is down and the page was never saved: the service
 * worker (sw/sw.ts) precaches this page at install and answers it for such navigations. Lists the
 * product and category pages this device has saved, which still open.
 */
export default function OfflinePage() {
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">Offline</p>
      <h1 className="mt-2 text-2xl font-semibold">You are offline</h1>
      <p className="mt-3 text-neutral-600">
        This page needs the network. Pages you have visited recently and your cart are still here; the rest comes back
        with your connection.
      </p>
      <SavedPages />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { SHOP_NAME } from "@/lib/config.ts";

export const metadata: Metadata = { title: "Page not found" };

/** Unknown URLs outside the shop's pages; static, so it needs no API. */
export default function NotFound() {
  return (
    <main className="grid min-h-screen place-items-center px-4">
      <div className="max-w-md text-center">
        <Link href="/" className="text-lg font-semibold text-brand-700">
          {SHOP_NAME}
        </Link>
        <p className="mt-8 text-sm font-semibold text-brand-600">404</p>
        <h1 className="mt-2 text-2xl font-semibold">We could not find that page</h1>
        <p className="mt-3 text-neutral-600">Check the address, or start again from the shop.</p>
        <Link
          href="/"
          className="mt-6 inline-flex rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Continue shopping
        </Link>
      </div>
    </main>
  );
}

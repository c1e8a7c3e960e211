import Link from "next/link";
import type { ReactNode } from "react";

export default function MailboxLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen bg-neutral-50">
      <header className="border-b border-neutral-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3 sm:px-6">
          <Link href="/dev/mailbox" className="font-semibold">
            Dev mailbox
          </Link>
          <Link href="/" className="text-sm text-brand-700 hover:underline">
            Back to the shop
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}

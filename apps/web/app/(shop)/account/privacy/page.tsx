import type { Metadata } from "next";
import { AccountNav } from "@/components/account/nav.tsx";
import { DeleteAccount, ExportData } from "@/components/account/privacy.tsx";
import { RequireUser } from "@/components/shop/require-user.tsx";

export const metadata: Metadata = { title: "Your data", robots: { index: false } };

export default function PrivacyPage() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight">Your data</h1>
      <AccountNav current="/account/privacy" />
      <RequireUser next="/account/privacy">
        <div className="mt-8 space-y-10">
          <section aria-labelledby="export-heading">
            <h2 id="export-heading" className="mb-3 text-lg font-semibold">
              Download your data
            </h2>
            <ExportData />
          </section>
          <section aria-labelledby="delete-heading">
            <h2 id="delete-heading" className="mb-3 text-lg font-semibold">
              Delete your account
            </h2>
            <DeleteAccount />
          </section>
        </div>
      </RequireUser>
    </div>
  );
}

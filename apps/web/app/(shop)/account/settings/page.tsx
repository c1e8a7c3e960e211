import type { Metadata } from "next";
import { AccountNav } from "@/components/account/nav.tsx";
import { PreferencesForm } from "@/components/account/preferences.tsx";
import { RequireUser } from "@/components/shop/require-user.tsx";

export const metadata: Metadata = { title: "Preferences", robots: { index: false } };

export default function SettingsPage() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight">Preferences</h1>
      <AccountNav current="/account/settings" />
      <RequireUser next="/account/settings">
        <div className="mt-8">
          <PreferencesForm />
        </div>
      </RequireUser>
    </div>
  );
}

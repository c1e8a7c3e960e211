import type { Metadata } from "next";
import { AccountNav } from "@/components/account/nav.tsx";
import { ChangeEmailForm, ChangePasswordForm, SessionList } from "@/components/account/security.tsx";
import { RequireUser } from "@/components/shop/require-user.tsx";

export const metadata: Metadata = { title: "Password and sessions", robots: { index: false } };

export default function SecurityPage() {
  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight">Password and sessions</h1>
      <AccountNav current="/account/security" />
      <RequireUser next="/account/security">
        <div className="mt-8 grid gap-10 lg:grid-cols-2">
          <section aria-labelledby="password-heading">
            <h2 id="password-heading" className="mb-4 text-lg font-semibold">
              Change password
            </h2>
            <ChangePasswordForm />
          </section>
          <section aria-labelledby="email-heading">
            <h2 id="email-heading" className="mb-4 text-lg font-semibold">
              Change email
            </h2>
            <ChangeEmailForm />
          </section>
          <section aria-labelledby="sessions-heading" className="lg:col-span-2">
            <h2 id="sessions-heading" className="mb-4 text-lg font-semibold">
              Where you are signed in
            </h2>
            <SessionList />
          </section>
        </div>
      </RequireUser>
    </div>
  );
}

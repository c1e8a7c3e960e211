import type { Metadata } from "next";
import Link from "next/link";
import { GiftCards } from "@/components/account/gift-cards.tsx";
import { AccountNav } from "@/components/account/nav.tsx";
import { AddressBook, ProfileForm } from "@/components/shop/account-profile.tsx";
import { RequireUser } from "@/components/shop/require-user.tsx";
import { SupportChat } from "@/components/shop/support-chat.tsx";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };

export default function AccountPage() {
  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">Your account</h1>
        <div className="flex flex-wrap gap-4">
          <Link href="/account/payment-methods" className="text-sm font-medium text-brand-700 hover:underline">
            Payment methods →
          </Link>
          <Link href="/account/orders" className="text-sm font-medium text-brand-700 hover:underline">
            Your orders →
          </Link>
        </div>
      </div>
      <AccountNav current="/account" />
      <RequireUser next="/account">
        <div className="mt-8 grid gap-10 lg:grid-cols-[20rem_1fr]">
          <section aria-labelledby="profile-heading">
            <h2 id="profile-heading" className="mb-4 text-lg font-semibold">
              Profile
            </h2>
            <ProfileForm />
          </section>
          <section aria-labelledby="addresses-heading">
            <h2 id="addresses-heading" className="mb-4 text-lg font-semibold">
              Addresses
            </h2>
            <AddressBook />
          </section>
          <section aria-labelledby="gift-cards-heading" className="lg:col-span-2">
            <h2 id="gift-cards-heading" className="mb-4 text-lg font-semibold">
              Gift cards
            </h2>
            <GiftCards />
          </section>
          <div className="lg:col-span-2">
            <SupportChat />
          </div>
        </div>
      </RequireUser>
    </div>
  );
}

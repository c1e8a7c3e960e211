import type { Metadata } from "next";
import Link from "next/link";
import { PaymentMethods } from "@/components/account/payment-methods.tsx";
import { RequireUser } from "@/components/shop/require-user.tsx";

export const metadata: Metadata = { title: "Payment methods", robots: { index: false } };

export default function PaymentMethodsPage() {
  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <div className="mb-8 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">Payment methods</h1>
        <Link href="/account" className="text-sm font-medium text-brand-700 hover:underline">
          ← Your account
        </Link>
      </div>
      <RequireUser next="/account/payment-methods">
        <PaymentMethods />
      </RequireUser>
    </div>
  );
}

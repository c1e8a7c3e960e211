import type { Metadata } from "next";
import { Suspense } from "react";
import { VerifyEmail } from "@/components/account/verify-email.tsx";

export const metadata: Metadata = { title: "Verify your email", robots: { index: false } };

export default function VerifyEmailPage() {
  return (
    <div className="mx-auto max-w-md px-4 py-12 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Verify your email</h1>
      <Suspense>
        <VerifyEmail />
      </Suspense>
    </div>
  );
}

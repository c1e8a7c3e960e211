import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "@/components/shop/auth-forms.tsx";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

export default function Page() {
  return (
    <Suspense>
      <SignInForm />
    </Suspense>
  );
}

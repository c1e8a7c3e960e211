import type { Metadata } from "next";
import { Suspense } from "react";
import { SignUpForm } from "@/components/shop/auth-forms.tsx";

export const metadata: Metadata = { title: "Create an account", robots: { index: false } };

export default function Page() {
  return (
    <Suspense>
      <SignUpForm />
    </Suspense>
  );
}

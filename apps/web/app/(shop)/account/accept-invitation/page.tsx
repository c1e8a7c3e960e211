import type { Metadata } from "next";
import { Suspense } from "react";
import { AcceptInvitationForm } from "@/components/shop/accept-invitation.tsx";

export const metadata: Metadata = { title: "Accept the invitation", robots: { index: false } };

export default function Page() {
  return (
    <Suspense>
      <AcceptInvitationForm />
    </Suspense>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { type ReactNode, useEffect } from "react";
import { Spinner } from "@/components/ui/states.tsx";
import { useSession } from "@/lib/session.tsx";

/** Account pages: a signed-out visitor is sent to sign in and brought back afterwards. */
export function RequireUser({ next, children }: { next: string; children: ReactNode }) {
  const { user, loading } = useSession();
  const router = useRouter();
  useEffect(() => {
    if (!loading && !user) router.replace(`/account/sign-in?next=${encodeURIComponent(next)}`);
  }, [loading, user, router, next]);
  if (loading || !user) return <Spinner label="Checking your session" />;
  return <>{children}</>;
}

"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { forgetToken } from "@/lib/auth-client.ts";
import { useSession } from "@/lib/session.tsx";

/** Follows a verification link (sign-up or change of email): the token goes to better-auth once. */
export function VerifyEmail() {
  const token = useSearchParams().get("token");
  const { refresh } = useSession();
  const [state, setState] = useState<"working" | "done" | "failed">("working");
  useEffect(() => {
    if (!token) {
      setState("failed");
      return;
    }
    let cancelled = false;
    fetch(`/api/auth/verify-email?token=${encodeURIComponent(token)}`, { credentials: "include", redirect: "manual" })
      .then(async (res) => {
        if (cancelled) return;
        const ok = res.ok || res.type === "opaqueredirect" || (res.status >= 300 && res.status < 400);
        setState(ok ? "done" : "failed");
        if (ok) {
          forgetToken();
          await refresh();
        }
      })
      .catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
    };
  }, [token, refresh]);
  if (state === "working") return <Spinner label="Verifying" />;
  if (state === "failed")
    return <ErrorNote>This link is not valid any more. Ask for a new one from your account.</ErrorNote>;
  return (
    <p role="status" className="mt-4 text-sm">
      Your email is verified.{" "}
      <Link href="/account/security" className="text-brand-700 underline">
        Back to your account
      </Link>
    </p>
  );
}

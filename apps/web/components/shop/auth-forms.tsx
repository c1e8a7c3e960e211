"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { auth } from "@/lib/auth-client.ts";
import { useSession } from "@/lib/session.tsx";
import { errorMessage } from "@/lib/shop/errors.ts";
import { safeNext } from "@/lib/shop/safe-next.ts";

function Card({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <div className="mt-6 rounded-2xl border border-neutral-200 p-6">{children}</div>
      {footer ? <div className="mt-4 text-center text-sm text-neutral-600">{footer}</div> : null}
    </div>
  );
}

function useSubmit(action: (form: FormData) => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action(new FormData(e.currentTarget));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, onSubmit };
}

export function SignInForm() {
  const router = useRouter();
  const next = safeNext(useSearchParams().get("next"));
  const { refresh } = useSession();
  const { error, busy, onSubmit } = useSubmit(async (form) => {
    await auth.signIn(String(form.get("email")), String(form.get("password")));
    // The cart provider merges a guest cart as soon as the session shows the user.
    await refresh();
    router.push(next);
  });
  return (
    <Card
      title="Sign in"
      footer={
        <>
          New here?{" "}
          <Link href={`/account/sign-up?next=${encodeURIComponent(next)}`} className="text-brand-700 underline">
            Create an account
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        {error ? <ErrorNote>{error}</ErrorNote> : null}
        <Button type="submit" className="w-full" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </Button>
        <p className="text-center text-sm">
          <Link href="/account/forgot-password" className="text-neutral-600 underline">
            Forgot your password?
          </Link>
        </p>
        <p className="text-center text-sm">
          <Link href="/order-lookup" className="text-neutral-600 underline">
            Ordered as a guest? Find your order
          </Link>
        </p>
      </form>
    </Card>
  );
}

export function SignUpForm() {
  const router = useRouter();
  const next = safeNext(useSearchParams().get("next"));
  const { refresh } = useSession();
  const { error, busy, onSubmit } = useSubmit(async (form) => {
    const phone = String(form.get("phone") ?? "").trim();
    await auth.signUp(String(form.get("name")), String(form.get("email")), String(form.get("password")), phone);
    await refresh();
    router.push(next);
  });
  return (
    <Card
      title="Create an account"
      footer={
        <>
          Already have one?{" "}
          <Link href={`/account/sign-in?next=${encodeURIComponent(next)}`} className="text-brand-700 underline">
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <Field label="Name" name="name" autoComplete="name" required />
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <Field
          label="Phone (optional)"
          name="phone"
          type="tel"
          autoComplete="tel"
          hint="With the country code, like +44 20 7946 0000."
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          hint="At least 8 characters."
        />
        {error ? <ErrorNote>{error}</ErrorNote> : null}
        <Button type="submit" className="w-full" disabled={busy}>
          {busy ? "Creating…" : "Create account"}
        </Button>
      </form>
    </Card>
  );
}

export function ForgotPasswordForm() {
  const [sent, setSent] = useState(false);
  const { error, busy, onSubmit } = useSubmit(async (form) => {
    await auth.requestPasswordReset(String(form.get("email")));
    setSent(true);
  });
  return (
    <Card title="Reset your password">
      {sent ? (
        <p role="status" className="text-sm text-neutral-700">
          If an account uses that address, an email with a reset link is on its way. The link works for one hour.
        </p>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4">
          <p className="text-sm text-neutral-600">We will email you a link to choose a new password.</p>
          <Field label="Email" name="email" type="email" autoComplete="email" required />
          {error ? <ErrorNote>{error}</ErrorNote> : null}
          <Button type="submit" className="w-full" disabled={busy}>
            {busy ? "Sending…" : "Send reset link"}
          </Button>
        </form>
      )}
    </Card>
  );
}

export function ResetPasswordForm() {
  const token = useSearchParams().get("token");
  const [done, setDone] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const { error, busy, onSubmit } = useSubmit(async (form) => {
    const password = String(form.get("password"));
    // Checked here and shown on the field it is about: identity only ever sees one password.
    const differ = password !== String(form.get("confirm"));
    setMismatch(differ);
    if (differ) return;
    await auth.resetPassword(token ?? "", password);
    setDone(true);
  });
  if (!token) {
    return (
      <Card title="Choose a new password">
        <ErrorNote>
          This link has no reset token. <Link href="/account/forgot-password">Ask for a new link</Link>.
        </ErrorNote>
      </Card>
    );
  }
  return (
    <Card title="Choose a new password">
      {done ? (
        <p role="status" className="text-sm">
          Your password is changed.{" "}
          <Link href="/account/sign-in" className="text-brand-700 underline">
            Sign in
          </Link>
        </p>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4">
          <Field
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={8}
            required
          />
          <Field
            label="Repeat it"
            name="confirm"
            type="password"
            autoComplete="new-password"
            minLength={8}
            required
            error={mismatch ? "The two passwords differ." : undefined}
          />
          {error ? <ErrorNote>{error}</ErrorNote> : null}
          <Button type="submit" className="w-full" disabled={busy}>
            {busy ? "Saving…" : "Save password"}
          </Button>
        </form>
      )}
    </Card>
  );
}

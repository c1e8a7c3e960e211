"use client";
import { useMercato } from "@mercato/client/react";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { errorMessage, fieldErrors } from "@/lib/shop/errors.ts";

/**
 * /account/accept-invitation?token=…: the invitee of a staff invitation (#20) chooses a name and a
 * password (identity checks its strength with zxcvbn, as at sign-up) and then signs in.
 */
export function AcceptInvitationForm() {
  const token = useSearchParams().get("token");
  const m = useMercato();
  const [mismatch, setMismatch] = useState(false);
  const accept = useMutation(m.identity.invitation.accept.mutationOptions());
  // A weak password or a bad name is shown beside its input; anything else (the token) above the button.
  // (Without a leading field name: some refusals repeat it in their reason.)
  const fields = Object.fromEntries(
    Object.entries(fieldErrors(accept.error)).map(([f, r]) => [f, r.startsWith(`${f}: `) ? r.slice(f.length + 2) : r]),
  );
  const besideInput = Boolean(fields.name ?? fields.password);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password"));
    const differ = password !== String(form.get("confirm"));
    setMismatch(differ);
    if (differ) return;
    accept.mutate({ token: token ?? "", name: String(form.get("name")), password });
  }

  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Join the team</h1>
      <div className="mt-6 rounded-2xl border border-neutral-200 p-6">
        {!token ? (
          <ErrorNote>This link has no invitation token. Ask the person who invited you for a new link.</ErrorNote>
        ) : accept.data ? (
          <p role="status" className="text-sm">
            Welcome aboard: your account {accept.data.email} is ready.{" "}
            <Link href="/account/sign-in?next=/admin" className="text-brand-700 underline">
              Sign in
            </Link>
          </p>
        ) : (
          <form onSubmit={submit} className="space-y-4">
            <Field label="Your name" name="name" autoComplete="name" required maxLength={100} error={fields.name} />
            <Field
              label="Password"
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={8}
              required
              error={fields.password}
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
            {accept.error && !besideInput ? (
              <ErrorNote>{fields.token ? `${fields.token}.` : errorMessage(accept.error)}</ErrorNote>
            ) : null}
            <Button type="submit" className="w-full" disabled={accept.isPending}>
              {accept.isPending ? "Creating your account…" : "Accept the invitation"}
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}

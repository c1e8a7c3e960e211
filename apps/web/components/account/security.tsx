"use client";
import { useMercato } from "@mercato/client/react";
import { PASSWORD_MAX, PASSWORD_MIN } from "@mercato/identity/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Badge, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { AuthFailure, auth } from "@/lib/auth-client.ts";
import { useSession } from "@/lib/session.tsx";
import { errorMessage } from "@/lib/shop/errors.ts";

function Saved({ children }: { children: string }) {
  return (
    <p role="status" className="text-sm text-emerald-700">
      {children}
    </p>
  );
}

/** Current and new password; identity checks the new one's strength and ends the other sessions. */
export function ChangePasswordForm() {
  const { refresh } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setError(null);
    setDone(false);
    setBusy(true);
    try {
      await auth.changePassword(String(form.get("currentPassword")), String(form.get("newPassword")));
      formEl.reset();
      setDone(true);
      // Every token issued before the change is revoked: fetch a new one for this session.
      await refresh();
    } catch (err) {
      setError(err instanceof AuthFailure ? err.message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
        required
        hint={`At least ${PASSWORD_MIN} characters, and not easy to guess. Your other sessions are signed out.`}
      />
      {error ? <ErrorNote>{error}</ErrorNote> : null}
      {done ? <Saved>Password changed. Your other sessions were signed out.</Saved> : null}
      <Button type="submit" disabled={busy}>
        {busy ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}

/** A new address gets a link; the email changes when it is followed. */
export function ChangeEmailForm() {
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const newEmail = String(form.get("newEmail")).trim();
    setError(null);
    setSentTo(null);
    setBusy(true);
    try {
      await auth.changeEmail(newEmail);
      setSentTo(newEmail);
    } catch (err) {
      setError(err instanceof AuthFailure ? err.message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <Field label="New email" name="newEmail" type="email" autoComplete="email" required />
      {error ? <ErrorNote>{error}</ErrorNote> : null}
      {sentTo ? <Saved>{`We sent a link to ${sentTo}. Your email changes when you follow it.`}</Saved> : null}
      <Button type="submit" variant="secondary" disabled={busy}>
        {busy ? "Sending…" : "Send verification link"}
      </Button>
    </form>
  );
}

const when = (d: Date) => new Date(d).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The signed-in sessions: device, address, last seen; end one, or all the others. */
export function SessionList() {
  const m = useMercato();
  const queryClient = useQueryClient();
  const list = useQuery(m.identity.account.sessions.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: m.identity.account.sessions.list.queryKey() });
  const revoke = useMutation(m.identity.account.sessions.revoke.mutationOptions({ onSuccess: invalidate }));
  const revokeOthers = useMutation(m.identity.account.sessions.revokeOthers.mutationOptions({ onSuccess: invalidate }));
  if (list.isLoading) return <Spinner label="Loading your sessions" />;
  if (list.isError || !list.data) return <ErrorNote>{errorMessage(list.error)}</ErrorNote>;
  const others = list.data.filter((s) => !s.current);
  const error = revoke.error ?? revokeOthers.error;
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-neutral-200 rounded-xl border border-neutral-200" aria-label="Your sessions">
        {list.data.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 p-4 text-sm">
            <div>
              <p className="font-medium">
                {s.device ?? "Unknown device"} {s.current ? <Badge tone="blue">This device</Badge> : null}
              </p>
              <p className="text-neutral-600">
                {s.ipAddress ?? "Unknown address"} · last seen {when(s.lastSeenAt)}
              </p>
            </div>
            {s.current ? null : (
              <Button
                variant="secondary"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ id: s.id })}
                aria-label={`Sign out ${s.device ?? "this session"} (${s.ipAddress ?? "unknown address"})`}
              >
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
      {error ? <ErrorNote>{errorMessage(error)}</ErrorNote> : null}
      {others.length > 0 ? (
        <Button variant="secondary" disabled={revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>
          Sign out all other sessions
        </Button>
      ) : (
        <p className="text-sm text-neutral-600">No other sessions.</p>
      )}
    </div>
  );
}

"use client";
import { useMercato } from "@mercato/client/react";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { forgetToken } from "@/lib/auth-client.ts";
import { fieldErrors } from "@/lib/errors.ts";
import { useSession } from "@/lib/session.tsx";
import { errorMessage } from "@/lib/shop/errors.ts";

/** A JSON download of everything the shop holds about the user (identity.account.export). */
export function ExportData() {
  const m = useMercato();
  const exporter = useMutation(
    m.identity.account.export.mutationOptions({
      onSuccess: (data) => {
        const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
        const url = URL.createObjectURL(blob);
        const a = document.createElement("a");
        a.href = url;
        a.download = `mercato-account-${new Date().toISOString().slice(0, 10)}.json`;
        document.body.append(a);
        a.click();
        a.remove();
        URL.revokeObjectURL(url);
      },
    }),
  );
  return (
    <div className="space-y-3">
      <p className="text-sm text-neutral-600">
        Your profile, addresses, preferences, orders and the messages we sent you, as one JSON file.
      </p>
      {exporter.error ? <ErrorNote>{errorMessage(exporter.error)}</ErrorNote> : null}
      {exporter.isSuccess ? (
        <p role="status" className="text-sm text-emerald-700">
          Your data was downloaded.
        </p>
      ) : null}
      <Button variant="secondary" disabled={exporter.isPending} onClick={() => exporter.mutate()}>
        {exporter.isPending ? "Preparing…" : "Download my data"}
      </Button>
    </div>
  );
}

/** Deletes the account for good, confirmed by the password (identity.account.delete). */
export function DeleteAccount() {
  const m = useMercato();
  const router = useRouter();
  const { refresh } = useSession();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    m.identity.account.delete.mutationOptions({
      onSuccess: async () => {
        forgetToken();
        await refresh();
        router.push("/?account=deleted");
      },
    }),
  );
  const fields = fieldErrors(remove.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    remove.mutate({ password: String(new FormData(e.currentTarget).get("password")) });
  };
  return (
    <div className="space-y-3">
      <p className="text-sm text-neutral-600">
        Your addresses, cart, preferences, saved cards and messages are deleted and you are signed out everywhere.
        Orders stay in the shop's books without your name, email or addresses.
      </p>
      {confirming ? (
        <form onSubmit={submit} className="space-y-3 rounded-xl border-2 border-red-200 bg-white p-4">
          <Field
            label="Your password, to confirm"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={fields.password}
          />
          {remove.error && !fields.password ? <ErrorNote>{errorMessage(remove.error)}</ErrorNote> : null}
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" disabled={remove.isPending}>
              {remove.isPending ? "Deleting…" : "Delete my account for good"}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Keep my account
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete my account
        </Button>
      )}
    </div>
  );
}

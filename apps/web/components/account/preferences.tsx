"use client";
import { useMercato } from "@mercato/client/react";
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
  type Preferences,
} from "@mercato/identity/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { fieldErrors } from "@/lib/errors.ts";
import { errorMessage } from "@/lib/shop/errors.ts";
import { useRegion } from "@/lib/shop/region-context.tsx";

const KIND_LABELS: Record<NotificationKind, string> = {
  order_updates: "Order updates",
  shipping_updates: "Shipping updates",
  returns: "Returns and refunds",
  account: "Account and security",
  marketing: "Offers and news",
};
const CHANNEL_LABELS: Record<NotificationChannel, string> = { email: "Email", sms: "SMS", push: "Push" };

/** Marketing consent, region, language and per kind the channels wanted (identity.account.preferences). */
export function PreferencesForm() {
  const m = useMercato();
  const queryClient = useQueryClient();
  const { regions } = useRegion();
  const prefs = useQuery(m.identity.account.preferences.get.queryOptions());
  // SMS go to the profile's phone number: say so when there is none.
  const me = useQuery(m.identity.me.queryOptions());
  const save = useMutation(
    m.identity.account.preferences.save.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(m.identity.account.preferences.get.queryKey(), data),
    }),
  );
  const [saved, setSaved] = useState(false);
  if (prefs.isLoading) return <Spinner label="Loading your preferences" />;
  if (prefs.isError || !prefs.data) return <ErrorNote>{errorMessage(prefs.error)}</ErrorNote>;
  const current: Preferences = prefs.data;
  const fields = fieldErrors(save.error);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const channels: Partial<Record<NotificationKind, NotificationChannel[]>> = {};
    for (const kind of NOTIFICATION_KINDS) {
      channels[kind] = NOTIFICATION_CHANNELS.filter((c) => form.get(`channel.${kind}.${c}`) === "on");
    }
    const regionId = String(form.get("regionId") ?? "");
    const language = String(form.get("language") ?? "").trim();
    setSaved(false);
    save.mutate(
      {
        marketingConsent: form.get("marketingConsent") === "on",
        regionId: regionId || null,
        language: language || null,
        channels,
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <form onSubmit={submit} className="space-y-6" key={String(current.updatedAt ?? "new")}>
      <fieldset className="space-y-2 rounded-xl border border-neutral-200 p-4">
        <legend className="px-1 text-sm font-semibold">Marketing</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="marketingConsent" defaultChecked={current.marketingConsent} className="mt-1" />
          <span>Send me offers and news. You can withdraw this at any time.</span>
        </label>
        {current.marketingConsentAt ? (
          <p className="text-xs text-neutral-600">
            Consent given {new Date(current.marketingConsentAt).toLocaleDateString(undefined, { dateStyle: "long" })}.
          </p>
        ) : null}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <Select label="Preferred region" name="regionId" defaultValue={current.regionId ?? ""} error={fields.regionId}>
          <option value="">The shop's choice</option>
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.currency})
            </option>
          ))}
        </Select>
        <Field
          label="Language"
          name="language"
          defaultValue={current.language ?? ""}
          placeholder="en, de-DE"
          error={fields.language}
        />
      </div>

      <fieldset className="rounded-xl border border-neutral-200 p-4">
        <legend className="px-1 text-sm font-semibold">How we contact you</legend>
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="py-2 font-medium">
                Kind
              </th>
              {NOTIFICATION_CHANNELS.map((c) => (
                <th key={c} scope="col" className="py-2 text-center font-medium">
                  {CHANNEL_LABELS[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {NOTIFICATION_KINDS.map((kind) => (
              <tr key={kind} className="border-t border-neutral-100">
                <th scope="row" className="py-2 font-normal">
                  {KIND_LABELS[kind]}
                </th>
                {NOTIFICATION_CHANNELS.map((c) => (
                  <td key={c} className="py-2 text-center">
                    <input
                      type="checkbox"
                      name={`channel.${kind}.${c}`}
                      aria-label={`${KIND_LABELS[kind]} by ${CHANNEL_LABELS[c]}`}
                      defaultChecked={current.channels[kind]?.includes(c)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-xs text-neutral-600">
          <li>
            SMS carry shipping news and, for account and security, password reset links. They go to the phone number in
            your profile; reply STOP to any of them to stop them all, START to have them again.
          </li>
          <li>
            Push notifications tell you when an order is paid, shipped, delivered or cancelled, on every browser where
            you allowed notifications from this shop.
          </li>
          <li>Account and security messages always come by email as well.</li>
        </ul>
        {me.data && !me.data.phone ? (
          <p className="mt-2 text-xs text-amber-800" data-testid="no-phone">
            There is no phone number in your{" "}
            <Link href="/account" className="underline">
              profile
            </Link>{" "}
            yet: SMS cannot be sent until you add one.
          </p>
        ) : null}
      </fieldset>

      {save.error && !fields.language && !fields.regionId ? <ErrorNote>{errorMessage(save.error)}</ErrorNote> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save preferences"}
        </Button>
        {saved ? (
          <span role="status" className="text-sm text-emerald-700">
            Saved
          </span>
        ) : null}
      </div>
    </form>
  );
}

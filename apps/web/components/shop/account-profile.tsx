"use client";
import { useMercato } from "@mercato/client/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Badge, Empty, ErrorNote, Spinner } from "@/components/ui/states.tsx";
import { errorMessage, fieldErrors } from "@/lib/shop/errors.ts";
import { useRegion } from "@/lib/shop/region-context.tsx";
import type { Address } from "@/lib/shop/types.ts";
import { AddressFields, allCountries, cleanAddress, emptyAddress } from "./address-fields.tsx";

/** Name and phone, through identity.me / identity.updateProfile. */
export function ProfileForm() {
  const m = useMercato();
  const queryClient = useQueryClient();
  const me = useQuery(m.identity.me.queryOptions());
  const update = useMutation(
    m.identity.updateProfile.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(m.identity.me.queryKey(), data),
    }),
  );
  const [saved, setSaved] = useState(false);
  if (me.isLoading) return <Spinner label="Loading your profile" />;
  if (me.isError || !me.data) return <ErrorNote>{errorMessage(me.error)}</ErrorNote>;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const phone = String(form.get("phone") ?? "").trim();
    setSaved(false);
    update.mutate({ name: String(form.get("name")), phone: phone || null }, { onSuccess: () => setSaved(true) });
  };
  const fields = fieldErrors(update.error);
  return (
    <form onSubmit={submit} className="space-y-4" key={me.data.updatedAt ? String(me.data.updatedAt) : "me"}>
      <Field label="Email" name="email" value={me.data.email} readOnly disabled />
      <Field label="Name" name="name" defaultValue={me.data.name} required error={fields.name} />
      <Field label="Phone (optional)" name="phone" type="tel" defaultValue={me.data.phone ?? ""} error={fields.phone} />
      {update.error && !fields.name && !fields.phone ? <ErrorNote>{errorMessage(update.error)}</ErrorNote> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save profile"}
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

type SavedAddress = Address & { id: string; isDefaultShipping: boolean; isDefaultBilling: boolean };

const ADDRESS_FIELDS = ["name", "line1", "city", "postalCode", "country", "phone"] as const;

/**
 * The reasons for the address form's fields. A new address is the whole input (`postalCode`); an
 * edit nests it under `address` (`address.postalCode`), so either name is read.
 */
function addressFieldErrors(err: unknown): Record<string, string> {
  const named = fieldErrors(err);
  return Object.fromEntries(
    ADDRESS_FIELDS.flatMap((f) => {
      const reason = named[f] ?? named[`address.${f}`];
      return reason ? [[f, reason]] : [];
    }),
  );
}

/** The address book: add, edit, delete, and choose the default shipping and billing addresses. */
export function AddressBook() {
  const m = useMercato();
  const { region, regions } = useRegion();
  const queryClient = useQueryClient();
  const list = useQuery(m.identity.addresses.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: m.identity.addresses.list.queryKey() });
  const create = useMutation(m.identity.addresses.create.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(m.identity.addresses.update.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(m.identity.addresses.delete.mutationOptions({ onSuccess: invalidate }));
  const setDefault = useMutation(m.identity.addresses.setDefault.mutationOptions({ onSuccess: invalidate }));
  const [editing, setEditing] = useState<{ id: string | null; value: Address } | null>(null);

  if (list.isLoading) return <Spinner label="Loading addresses" />;
  if (list.isError) return <ErrorNote>{errorMessage(list.error)}</ErrorNote>;
  const rows: SavedAddress[] = (list.data ?? []).map((a) => ({
    ...a,
    line2: a.line2 ?? "",
    phone: a.phone ?? "",
  }));
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error ?? remove.error ?? setDefault.error;
  const addressErrors = addressFieldErrors(error);

  return (
    <div className="space-y-4">
      {rows.length === 0 && !editing ? <Empty title="No saved addresses yet" /> : null}
      <ul className="grid gap-3 sm:grid-cols-2">
        {rows.map((a) => (
          <li key={a.id} className="rounded-xl border border-neutral-200 p-4 text-sm">
            <div className="flex flex-wrap gap-1">
              {a.isDefaultShipping ? <Badge tone="blue">Default shipping</Badge> : null}
              {a.isDefaultBilling ? <Badge>Default billing</Badge> : null}
            </div>
            <p className="mt-2 font-medium">{a.name}</p>
            <p className="text-neutral-600">
              {a.line1}
              {a.line2 ? `, ${a.line2}` : ""}
              <br />
              {a.postalCode} {a.city}, {a.country}
            </p>
            <div className="mt-3 flex flex-wrap gap-3 text-neutral-600">
              <button type="button" className="underline" onClick={() => setEditing({ id: a.id, value: a })}>
                Edit
              </button>
              {a.isDefaultShipping ? null : (
                <button
                  type="button"
                  className="underline"
                  onClick={() => setDefault.mutate({ id: a.id, kind: "shipping" })}
                >
                  Use for shipping
                </button>
              )}
              {a.isDefaultBilling ? null : (
                <button
                  type="button"
                  className="underline"
                  onClick={() => setDefault.mutate({ id: a.id, kind: "billing" })}
                >
                  Use for billing
                </button>
              )}
              <button type="button" className="text-red-700 underline" onClick={() => remove.mutate({ id: a.id })}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
      {editing ? (
        <form
          className="space-y-4 rounded-xl border border-neutral-200 p-4"
          onSubmit={(e) => {
            e.preventDefault();
            const address = cleanAddress(editing.value);
            const done = { onSuccess: () => setEditing(null) };
            if (editing.id) update.mutate({ id: editing.id, address }, done);
            else create.mutate(address, done);
          }}
        >
          <h3 className="font-semibold">{editing.id ? "Edit address" : "New address"}</h3>
          <AddressFields
            prefix="shipping"
            value={editing.value}
            onChange={(value) => setEditing({ ...editing, value })}
            countries={allCountries(regions)}
            errors={addressErrors}
          />
          {error && Object.keys(addressErrors).length === 0 ? <ErrorNote>{errorMessage(error)}</ErrorNote> : null}
          <div className="flex gap-3">
            <Button type="submit" disabled={saving}>
              {saving ? "Saving…" : "Save address"}
            </Button>
            <Button variant="secondary" onClick={() => setEditing(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button
          variant="secondary"
          onClick={() => setEditing({ id: null, value: emptyAddress(region.defaultCountry) })}
        >
          Add an address
        </Button>
      )}
    </div>
  );
}

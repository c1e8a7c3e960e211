"use client";
import type { Region, SaveRegionInput } from "@mercato/catalog/contract";
import { CURRENCIES, type Currency, PAYMENT_PROVIDERS, TAX_PROVIDERS, type TaxProviderName } from "@mercato/pricing";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { ErrorNote } from "@/components/ui/states.tsx";
import { countriesError, type RegionDraft, toRegionInput } from "@/lib/admin/region-draft.ts";
import { PAYMENT_PROVIDER_LABELS, TAX_PROVIDER_LABELS } from "@/lib/admin/region-labels.ts";
import { useSubmit } from "@/lib/admin/use-submit.ts";
import { Card } from "../page-header.tsx";
import { CountryChips } from "./country-chips.tsx";
import { ShippingOptionsEditor } from "./shipping-options-editor.tsx";
import { TaxRatesEditor } from "./tax-rates-editor.tsx";

/** The top-level fields shown beside their own input; any other problem is listed above the form. */
const PLACED = [
  "name",
  "currency",
  "countries",
  "defaultCountry",
  "paymentProviders",
  "isDefault",
  "shippingOptions",
  "taxRates",
];
const isPlaced = (path: string) => PLACED.some((p) => path === p || path.startsWith(`${p}.`));

/**
 * One region in one form: where it sells, in which currency and on which tax basis, who takes the
 * payments and computes the tax, its shipping options and its tax rates. `save` sends the whole
 * region; the catalog's refusals come back on the fields they name.
 */
export function RegionForm({
  initial,
  save,
  onSaved,
  saved = false,
  onEdit,
}: {
  initial: RegionDraft;
  save: (input: SaveRegionInput) => Promise<Region>;
  onSaved: (region: Region) => void | Promise<void>;
  /** Shows "Saved." (kept by the page: the form is remade from what the catalog stored). */
  saved?: boolean;
  /** Called on every change, so the page can drop its "Saved.". */
  onEdit?: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [saving, setSaving] = useState(false);
  const { errors, submit } = useSubmit();
  const err = errors.fields;
  const set = <K extends keyof RegionDraft>(key: K, value: RegionDraft[K]) => {
    onEdit?.();
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const unplaced = Object.entries(err).filter(([path]) => !isPlaced(path));
  const problems = Object.keys(err).length;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const checked = toRegionInput(draft);
    setSaving(true);
    void submit(
      async () => {
        if (!checked.ok) return;
        await onSaved(await save(checked.input));
      },
      checked.ok ? {} : checked.errors,
      "Some fields need attention.",
    ).finally(() => setSaving(false));
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]"
    >
      <div className="min-w-0 space-y-6">
        {errors.form || problems > 0 ? (
          <ErrorNote>
            <p>
              {errors.form ?? "The region was not saved."}
              {problems > 0 ? ` ${problems === 1 ? "One field needs" : `${problems} fields need`} attention.` : ""}
            </p>
            {unplaced.map(([path, message]) => (
              <p key={path}>
                {path}: {message}
              </p>
            ))}
          </ErrorNote>
        ) : null}
        {saved ? (
          <div
            role="status"
            className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
          >
            Saved.
          </div>
        ) : null}
        <Card title="Where it sells">
          <div className="space-y-4">
            <Field
              label="Name"
              name="name"
              value={draft.name}
              error={err.name}
              placeholder="Nordics"
              onChange={(e) => set("name", e.target.value)}
            />
            <CountryChips
              id="countries"
              label="Countries"
              value={draft.countries}
              error={countriesError(err)}
              onChange={(countries) => {
                set("countries", countries);
                if (!countries.includes(draft.defaultCountry)) set("defaultCountry", countries[0] ?? "");
              }}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <Select
                label="Default country"
                name="defaultCountry"
                value={draft.defaultCountry}
                error={err.defaultCountry}
                onChange={(e) => set("defaultCountry", e.target.value)}
              >
                {draft.countries.length === 0 ? <option value="">Add a country first</option> : null}
                {draft.countries.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </Select>
              <Select
                label="Currency"
                name="currency"
                value={draft.currency}
                error={err.currency}
                onChange={(e) => set("currency", e.target.value as Currency)}
              >
                {CURRENCIES.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </Select>
            </div>
            <p className="text-xs text-neutral-500">
              The default country is where tax is estimated before the shopper gives an address.
            </p>
          </div>
        </Card>

        <Card title="Shipping options">
          <ShippingOptionsEditor
            options={draft.shippingOptions}
            currency={draft.currency}
            errors={err}
            onChange={(options) => set("shippingOptions", options)}
          />
        </Card>

        <Card title="Tax rates">
          <TaxRatesEditor
            rates={draft.taxRates}
            countries={draft.countries}
            errors={err}
            onChange={(rates) => set("taxRates", rates)}
          />
        </Card>
      </div>

      <div className="space-y-6">
        <Card title="Tax and payments">
          <div className="space-y-4">
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="taxInclusive"
                className="mt-0.5 h-4 w-4 accent-brand-600"
                checked={draft.taxInclusive}
                onChange={(e) => set("taxInclusive", e.target.checked)}
              />
              <span>
                <span className="block font-medium text-neutral-700">Prices include tax</span>
                <span className="block text-xs text-neutral-500">
                  As in the EU and the UK. Off: tax is added at checkout, as in the US.
                </span>
              </span>
            </label>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="isDefault"
                className="mt-0.5 h-4 w-4 accent-brand-600"
                checked={draft.isDefault}
                aria-invalid={err.isDefault ? true : undefined}
                aria-describedby={err.isDefault ? "isDefault-error" : undefined}
                onChange={(e) => set("isDefault", e.target.checked)}
              />
              <span>
                <span className="block font-medium text-neutral-700">Default region</span>
                <span className="block text-xs text-neutral-500">
                  For shoppers from countries no region holds. Making this the default un-makes the other.
                </span>
                {err.isDefault ? (
                  <span id="isDefault-error" role="alert" className="mt-1 block text-xs text-red-600">
                    {err.isDefault}
                  </span>
                ) : null}
              </span>
            </label>
            <Select
              label="Tax computed by"
              name="taxProvider"
              value={draft.taxProvider}
              error={err.taxProvider}
              onChange={(e) => set("taxProvider", e.target.value as TaxProviderName)}
            >
              {TAX_PROVIDERS.map((p) => (
                <option key={p} value={p}>
                  {TAX_PROVIDER_LABELS[p]}
                </option>
              ))}
            </Select>
            <fieldset>
              <legend className="mb-1 text-sm font-medium text-neutral-700">Payment providers</legend>
              {PAYMENT_PROVIDERS.map((p) => (
                <label key={p} className="flex items-center gap-2 py-0.5 text-sm">
                  <input
                    type="checkbox"
                    name={`payment-${p}`}
                    className="h-4 w-4 accent-brand-600"
                    checked={draft.paymentProviders.includes(p)}
                    onChange={(e) =>
                      set(
                        "paymentProviders",
                        e.target.checked
                          ? PAYMENT_PROVIDERS.filter((q) => q === p || draft.paymentProviders.includes(q))
                          : draft.paymentProviders.filter((q) => q !== p),
                      )
                    }
                  />
                  {PAYMENT_PROVIDER_LABELS[p]}
                </label>
              ))}
              {err.paymentProviders ? (
                <p role="alert" className="mt-1 text-xs text-red-600">
                  {err.paymentProviders}
                </p>
              ) : null}
            </fieldset>
            <Button type="submit" className="w-full" disabled={saving}>
              {saving ? "Saving…" : draft.id ? "Save region" : "Create region"}
            </Button>
          </div>
        </Card>
      </div>
    </form>
  );
}

"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import {
  type Currency,
  emptyPrice,
  missingCurrencies,
  type PriceDraft,
  type VariantDraft,
} from "@/lib/admin/product-draft.ts";

/**
 * One variant's price set: a row per currency it sells in (amount and optional compare-at price),
 * and a choice of the currencies it has no price in yet. A variant without a price in a region's
 * currency is not sold in that region.
 */
export function PriceSetEditor({
  index,
  variant,
  errors,
  onChange,
}: {
  index: number;
  variant: VariantDraft;
  errors: Record<string, string>;
  onChange: (prices: PriceDraft[]) => void;
}) {
  const missing = missingCurrencies(variant);
  const [adding, setAdding] = useState<Currency | "">("");
  const chosen = adding && missing.includes(adding) ? adding : (missing[0] ?? "");
  const at = `variants.${index}.prices`;
  const setPrice = (j: number, patch: Partial<PriceDraft>) =>
    onChange(variant.prices.map((p, k) => (k === j ? { ...p, ...patch } : p)));

  return (
    <fieldset className="mt-4" data-testid={`variant-${index}-prices`}>
      <legend className="mb-2 text-sm font-medium text-neutral-700">Prices</legend>
      {errors[at] ? (
        <p role="alert" className="mb-2 text-xs text-red-600">
          {errors[at]}
        </p>
      ) : null}
      <ul className="space-y-2">
        {variant.prices.map((p, j) => {
          const id = `variant-${index}-${p.currency}`;
          return (
            <li
              key={p.currency}
              className="grid items-end gap-3 sm:grid-cols-[3.5rem_minmax(0,1fr)_minmax(0,1fr)_auto]"
            >
              <span className="pb-2 font-mono text-sm font-semibold text-neutral-700">{p.currency}</span>
              <Field
                label={`Price (${p.currency})`}
                name={`${id}-amount`}
                inputMode="decimal"
                placeholder="19.90"
                value={p.amount}
                error={errors[`${at}.${j}.amount`]}
                onChange={(e) => setPrice(j, { amount: e.target.value })}
              />
              <Field
                label={`Compare-at (${p.currency})`}
                name={`${id}-compare`}
                inputMode="decimal"
                placeholder="optional"
                value={p.compareAt}
                error={errors[`${at}.${j}.compareAtAmount`]}
                onChange={(e) => setPrice(j, { compareAt: e.target.value })}
              />
              <Button
                variant="ghost"
                disabled={variant.prices.length === 1}
                aria-label={`Remove the ${p.currency} price of variant ${index + 1}`}
                onClick={() => onChange(variant.prices.filter((_, k) => k !== j))}
              >
                Remove
              </Button>
            </li>
          );
        })}
      </ul>
      {missing.length > 0 ? (
        <div className="mt-2 flex items-end gap-2">
          <label className="text-sm" htmlFor={`variant-${index}-add-currency`}>
            <span className="sr-only">Currency to add to variant {index + 1}</span>
            <select
              id={`variant-${index}-add-currency`}
              className="rounded-lg border border-neutral-300 bg-white px-3 py-2 text-sm shadow-sm"
              value={chosen}
              onChange={(e) => setAdding(e.target.value as Currency)}
            >
              {missing.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <Button
            variant="secondary"
            // The visible words first (axe: label-content-name-mismatch), then what they add to which variant.
            aria-label={`Add currency: a ${chosen} price for variant ${index + 1}`}
            onClick={() => {
              if (chosen) onChange([...variant.prices, emptyPrice(chosen)]);
              setAdding("");
            }}
          >
            Add currency
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}

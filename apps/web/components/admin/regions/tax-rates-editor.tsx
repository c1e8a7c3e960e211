"use client";
import { TAX_CLASSES, type TaxClass } from "@mercato/pricing";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { emptyRate, type RateDraft } from "@/lib/admin/region-draft.ts";
import { TAX_CLASS_LABELS } from "@/lib/admin/region-labels.ts";
import { fieldsUnder } from "@/lib/errors.ts";

/**
 * A region's tax rates, one row each: a country (and a subdivision for a US state's sales tax),
 * the class it applies to, the rate as a percent (stored as basis points) and the name shoppers
 * read on the tax line. The most specific rate for an address wins.
 */
export function TaxRatesEditor({
  rates,
  countries,
  errors,
  onChange,
}: {
  rates: RateDraft[];
  /** The region's countries, offered first for a new row. */
  countries: string[];
  errors: Record<string, string>;
  onChange: (rates: RateDraft[]) => void;
}) {
  const setRate = (i: number, patch: Partial<RateDraft>) =>
    onChange(rates.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-3">
      {rates.length === 0 ? <p className="text-sm text-neutral-500">No tax rates: nothing is taxed.</p> : null}
      <ol className="space-y-3">
        {rates.map((r, i) => {
          const prefix = `rate-${i}`;
          const err = fieldsUnder(errors, `taxRates.${i}`);
          return (
            <li
              key={i}
              className="rounded-lg border border-neutral-200 p-3"
              data-testid={prefix}
              aria-label={`Tax rate ${i + 1}`}
            >
              <div className="grid grid-cols-2 items-end gap-3 sm:grid-cols-[5rem_5rem_minmax(0,1fr)_7rem]">
                <Field
                  label="Country"
                  name={`${prefix}-country`}
                  value={r.country}
                  maxLength={2}
                  list="region-countries"
                  error={err.country}
                  onChange={(e) => setRate(i, { country: e.target.value.toUpperCase() })}
                />
                <Field
                  label="State"
                  name={`${prefix}-subdivision`}
                  value={r.subdivision}
                  placeholder="any"
                  maxLength={3}
                  error={err.subdivision}
                  onChange={(e) => setRate(i, { subdivision: e.target.value.toUpperCase() })}
                />
                <Select
                  label="Class"
                  name={`${prefix}-taxClass`}
                  value={r.taxClass}
                  error={err.taxClass}
                  onChange={(e) => setRate(i, { taxClass: e.target.value as TaxClass })}
                >
                  {TAX_CLASSES.map((c) => (
                    <option key={c} value={c}>
                      {TAX_CLASS_LABELS[c]}
                    </option>
                  ))}
                </Select>
                <Field
                  label="Rate (%)"
                  name={`${prefix}-rate`}
                  inputMode="decimal"
                  placeholder="20"
                  value={r.rate}
                  error={err.rateBps}
                  onChange={(e) => setRate(i, { rate: e.target.value })}
                />
                <div className="col-span-2 flex items-end gap-3 sm:col-span-4">
                  <Field
                    label="Name on the tax line"
                    className="flex-1"
                    name={`${prefix}-name`}
                    placeholder="VAT 20%"
                    value={r.name}
                    error={err.name}
                    onChange={(e) => setRate(i, { name: e.target.value })}
                  />
                  <Button
                    variant="ghost"
                    aria-label={`Remove tax rate ${i + 1}`}
                    onClick={() => onChange(rates.filter((_, j) => j !== i))}
                  >
                    Remove
                  </Button>
                </div>
              </div>
              {errors[`taxRates.${i}`] ? (
                <p role="alert" className="mt-2 text-xs text-red-600">
                  {errors[`taxRates.${i}`]}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <datalist id="region-countries">
        {countries.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <Button variant="secondary" onClick={() => onChange([...rates, emptyRate(countries[0] ?? "")])}>
        Add tax rate
      </Button>
    </div>
  );
}

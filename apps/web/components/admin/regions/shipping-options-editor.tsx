"use client";
import { type Currency, SHIPPING_RULE_KINDS, SHIPPING_SPEEDS, type ShippingSpeed, TAX_CLASSES } from "@mercato/pricing";
import { Button } from "@/components/ui/button.tsx";
import { Field, Select } from "@/components/ui/field.tsx";
import { emptyOption, emptyTier, type OptionDraft, type RuleKind, type TierDraft } from "@/lib/admin/region-draft.ts";
import { TAX_CLASS_LABELS } from "@/lib/admin/region-labels.ts";
import { fieldsUnder } from "@/lib/errors.ts";

const KIND_LABELS: Record<RuleKind, string> = {
  flat: "Flat rate",
  free_above: "Free above a threshold",
  weight: "By weight (tiers)",
};
const SPEED_LABELS: Record<ShippingSpeed, string> = { standard: "Standard", express: "Express" };

function RowError({ message }: { message?: string }) {
  return message ? (
    <p role="alert" className="mt-2 text-xs text-red-600">
      {message}
    </p>
  ) : null;
}

/** The weight tiers of one option: up to how many grams, and the price; the last may be open-ended. */
function TierEditor({
  prefix,
  tiers,
  currency,
  errors,
  onChange,
}: {
  prefix: string;
  tiers: TierDraft[];
  currency: Currency;
  errors: Record<string, string>;
  onChange: (tiers: TierDraft[]) => void;
}) {
  const setTier = (j: number, patch: Partial<TierDraft>) =>
    onChange(tiers.map((t, k) => (k === j ? { ...t, ...patch } : t)));
  return (
    <fieldset className="rounded-lg bg-neutral-50 p-3 sm:col-span-3">
      <legend className="sr-only">Weight tiers</legend>
      <p className="mb-2 text-xs text-neutral-500">
        Tiers go up in weight; leave the last one's limit empty to carry any weight above the others.
      </p>
      <RowError message={errors["rule.tiers"]} />
      <ol className="space-y-2">
        {tiers.map((tier, j) => (
          <li key={j} className="grid items-end gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]">
            <Field
              label={`Tier ${j + 1}: up to (grams)`}
              name={`${prefix}-tier-${j}-upTo`}
              inputMode="numeric"
              placeholder={j === tiers.length - 1 ? "any weight" : "500"}
              value={tier.upToGrams}
              error={errors[`rule.tiers.${j}.upToGrams`]}
              onChange={(e) => setTier(j, { upToGrams: e.target.value })}
            />
            <Field
              label={`Tier ${j + 1}: price (${currency})`}
              name={`${prefix}-tier-${j}-amount`}
              inputMode="decimal"
              placeholder="5.99"
              value={tier.amount}
              error={errors[`rule.tiers.${j}.amount`]}
              onChange={(e) => setTier(j, { amount: e.target.value })}
            />
            <Button
              variant="ghost"
              disabled={tiers.length === 1}
              aria-label={`Remove tier ${j + 1}`}
              onClick={() => onChange(tiers.filter((_, k) => k !== j))}
            >
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <Button variant="secondary" className="mt-2" onClick={() => onChange([...tiers, emptyTier()])}>
        Add tier
      </Button>
    </fieldset>
  );
}

/** A region's shipping options: name, speed, how the price is worked out, delivery days, tax class, active. */
export function ShippingOptionsEditor({
  options,
  currency,
  errors,
  onChange,
}: {
  options: OptionDraft[];
  currency: Currency;
  /** The form's problems, keyed by path (`shippingOptions.1.rule.amount`). */
  errors: Record<string, string>;
  onChange: (options: OptionDraft[]) => void;
}) {
  const setOption = (i: number, patch: Partial<OptionDraft>) =>
    onChange(options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <div className="space-y-4">
      {options.length === 0 ? (
        <p className="text-sm text-neutral-500">No shipping options: shoppers in this region cannot check out.</p>
      ) : null}
      {options.map((o, i) => {
        const prefix = `option-${i}`;
        const err = fieldsUnder(errors, `shippingOptions.${i}`);
        return (
          <fieldset key={i} className="rounded-lg border border-neutral-200 p-4" data-testid={prefix}>
            <legend className="px-1 text-xs font-medium uppercase tracking-wide text-neutral-500">
              {o.name.trim() || `Option ${i + 1}`}
              {o.id ? <span className="ml-1 font-mono normal-case text-neutral-500">({o.id})</span> : null}
            </legend>
            <div className="grid items-end gap-3 sm:grid-cols-3">
              <Field
                label="Name"
                name={`${prefix}-name`}
                value={o.name}
                error={err.name}
                className="sm:col-span-2"
                onChange={(e) => setOption(i, { name: e.target.value })}
              />
              <Select
                label="Speed"
                name={`${prefix}-speed`}
                value={o.speed}
                error={err.speed}
                onChange={(e) => setOption(i, { speed: e.target.value as ShippingSpeed })}
              >
                {SHIPPING_SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {SPEED_LABELS[s]}
                  </option>
                ))}
              </Select>
              <Select
                label="Price rule"
                name={`${prefix}-kind`}
                value={o.kind}
                error={err["rule.kind"] ?? err.rule}
                onChange={(e) => setOption(i, { kind: e.target.value as RuleKind })}
              >
                {SHIPPING_RULE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </Select>
              {o.kind !== "weight" ? (
                <Field
                  label={`Price (${currency})`}
                  name={`${prefix}-amount`}
                  inputMode="decimal"
                  placeholder="4.95"
                  value={o.amount}
                  error={err["rule.amount"]}
                  onChange={(e) => setOption(i, { amount: e.target.value })}
                />
              ) : null}
              {o.kind === "free_above" ? (
                <Field
                  label={`Free from (${currency})`}
                  name={`${prefix}-threshold`}
                  inputMode="decimal"
                  placeholder="50.00"
                  value={o.threshold}
                  error={err["rule.threshold"]}
                  onChange={(e) => setOption(i, { threshold: e.target.value })}
                />
              ) : null}
              <Select
                label="Tax class"
                name={`${prefix}-taxClass`}
                value={o.taxClass}
                error={err.taxClass}
                onChange={(e) => setOption(i, { taxClass: e.target.value as OptionDraft["taxClass"] })}
              >
                {TAX_CLASSES.map((c) => (
                  <option key={c} value={c}>
                    {TAX_CLASS_LABELS[c]}
                  </option>
                ))}
              </Select>
              <div className="grid grid-cols-2 gap-3">
                <Field
                  label="Min. days"
                  name={`${prefix}-minDays`}
                  inputMode="numeric"
                  value={o.minDays}
                  error={err.minDays}
                  onChange={(e) => setOption(i, { minDays: e.target.value })}
                />
                <Field
                  label="Max. days"
                  name={`${prefix}-maxDays`}
                  inputMode="numeric"
                  value={o.maxDays}
                  error={err.maxDays}
                  onChange={(e) => setOption(i, { maxDays: e.target.value })}
                />
              </div>
              {o.kind === "weight" ? (
                <TierEditor
                  prefix={prefix}
                  tiers={o.tiers}
                  currency={currency}
                  errors={err}
                  onChange={(tiers) => setOption(i, { tiers })}
                />
              ) : null}
            </div>
            <RowError message={errors[`shippingOptions.${i}`] ?? err.id} />
            <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="h-4 w-4 accent-brand-600"
                  checked={o.active}
                  onChange={(e) => setOption(i, { active: e.target.checked })}
                />
                Offered to shoppers
              </label>
              <Button variant="ghost" onClick={() => onChange(options.filter((_, j) => j !== i))}>
                Remove option {i + 1}
              </Button>
            </div>
          </fieldset>
        );
      })}
      <Button variant="secondary" onClick={() => onChange([...options, emptyOption()])}>
        Add shipping option
      </Button>
    </div>
  );
}

import { type Region, type SaveRegionInput, saveRegionInput } from "@mercato/catalog/contract";
import {
  CURRENCIES,
  type Currency,
  countryCodeSchema,
  PAYMENT_PROVIDERS,
  type PaymentProvider,
  SHIPPING_RULE_KINDS,
  SHIPPING_SPEEDS,
  type ShippingOption,
  type ShippingRule,
  type ShippingSpeed,
  TAX_CLASSES,
  TAX_PROVIDERS,
  type TaxClass,
  type TaxProviderName,
} from "@mercato/pricing";
import { bpsToPercent, fromMinorUnits, percentToBps, toMinorUnits } from "./money.ts";

/**
 * The region editor's state and its translation to `catalog.admin.regions.save` input. Amounts and
 * rates are typed as text (decimals and percents); the draft's problems are keyed like the
 * service's issue paths (`taxRates.2.rateBps`, `shippingOptions.0.rule.tiers.1.amount`), so a
 * check made here and a refusal from the catalog land beside the same input. The shapes and their
 * bounds are pricing's own schemas (run here before sending); the catalog adds the rules that need
 * the other regions (a country in two regions) and has the last word.
 */
export type RuleKind = ShippingRule["kind"];

export interface TierDraft {
  /** Empty: any weight above the previous tier (only the last tier). */
  upToGrams: string;
  amount: string;
}

export interface OptionDraft {
  /** Kept for saved options (orders record it); made from the name for new ones. */
  id: string;
  name: string;
  speed: ShippingSpeed;
  kind: RuleKind;
  amount: string;
  threshold: string;
  tiers: TierDraft[];
  minDays: string;
  maxDays: string;
  taxClass: TaxClass;
  active: boolean;
}

export interface RateDraft {
  country: string;
  subdivision: string;
  taxClass: TaxClass;
  /** A percent, up to two decimals: "20", "5.5", "7.25". */
  rate: string;
  name: string;
}

export interface RegionDraft {
  /** Null for a new region (the catalog makes its id from the name). */
  id: string | null;
  name: string;
  currency: Currency;
  countries: string[];
  defaultCountry: string;
  taxInclusive: boolean;
  taxProvider: TaxProviderName;
  paymentProviders: PaymentProvider[];
  shippingOptions: OptionDraft[];
  taxRates: RateDraft[];
  /** The region of shoppers whose country no region holds; there is always exactly one. */
  isDefault: boolean;
}

export function emptyTier(): TierDraft {
  return { upToGrams: "", amount: "" };
}

export function emptyOption(): OptionDraft {
  return {
    id: "",
    name: "",
    speed: SHIPPING_SPEEDS[0],
    kind: SHIPPING_RULE_KINDS[0],
    amount: "",
    threshold: "",
    tiers: [emptyTier()],
    minDays: "",
    maxDays: "",
    taxClass: TAX_CLASSES[0],
    active: true,
  };
}

export function emptyRate(country = ""): RateDraft {
  return { country, subdivision: "", taxClass: TAX_CLASSES[0], rate: "", name: "" };
}

export function emptyRegion(): RegionDraft {
  return {
    id: null,
    name: "",
    currency: CURRENCIES[0],
    countries: [],
    defaultCountry: "",
    taxInclusive: true,
    taxProvider: TAX_PROVIDERS[0],
    paymentProviders: [...PAYMENT_PROVIDERS],
    shippingOptions: [],
    taxRates: [],
    isDefault: false,
  };
}

function optionDraftOf(option: ShippingOption): OptionDraft {
  const { rule } = option;
  return {
    id: option.id,
    name: option.name,
    speed: option.speed,
    kind: rule.kind,
    amount: rule.kind === "weight" ? "" : fromMinorUnits(rule.amount),
    threshold: rule.kind === "free_above" ? fromMinorUnits(rule.threshold) : "",
    tiers:
      rule.kind === "weight"
        ? rule.tiers.map((t) => ({
            upToGrams: t.upToGrams === null ? "" : String(t.upToGrams),
            amount: fromMinorUnits(t.amount),
          }))
        : [emptyTier()],
    minDays: String(option.minDays),
    maxDays: String(option.maxDays),
    taxClass: option.taxClass,
    active: option.active,
  };
}

/** A saved region back into the editor. */
export function draftOfRegion(region: Region): RegionDraft {
  return {
    id: region.id,
    name: region.name,
    currency: region.currency,
    countries: [...region.countries],
    defaultCountry: region.defaultCountry,
    taxInclusive: region.taxInclusive,
    taxProvider: region.taxProvider,
    paymentProviders: [...region.paymentProviders],
    shippingOptions: region.shippingOptions.map(optionDraftOf),
    taxRates: region.taxRates.map((r) => ({
      country: r.country,
      subdivision: r.subdivision ?? "",
      taxClass: r.taxClass,
      rate: bpsToPercent(r.rateBps),
      name: r.name,
    })),
    isDefault: region.isDefault,
  };
}

/**
 * The country codes typed into the countries box ("fr, de be"), upper-cased, each checked with
 * pricing's country rule: the codes to add and the ones that are not country codes.
 */
export function parseCountries(text: string): { codes: string[]; invalid: string[] } {
  const codes: string[] = [];
  const invalid: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const parsed = countryCodeSchema.safeParse(token);
    if (parsed.success) {
      if (!codes.includes(parsed.data)) codes.push(parsed.data);
    } else invalid.push(token);
  }
  return { codes, invalid };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** A new option's id: "<region>-<name>", unique among the region's options ("uk-express-2"). */
export function optionId(regionKey: string, name: string, taken: ReadonlySet<string>): string {
  const base = [slug(regionKey), slug(name) || "option"].filter(Boolean).join("-").slice(0, 60);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

const WHOLE = /^\d+$/;
/** A whole number typed in a box, or null. */
function whole(text: string): number | null {
  const trimmed = text.trim();
  return WHOLE.test(trimmed) && Number.isSafeInteger(Number(trimmed)) ? Number(trimmed) : null;
}

type Checked = { ok: true; input: SaveRegionInput } | { ok: false; errors: Record<string, string> };

/** The save input, or the problems keyed like the service's issue paths. */
export function toRegionInput(draft: RegionDraft): Checked {
  const errors: Record<string, string> = {};
  const money = (text: string, path: string, example: string): number => {
    const amount = toMinorUnits(text);
    if (amount === null) errors[path] = `an amount like ${example}`;
    return amount ?? 0;
  };
  const days = (text: string, path: string): number => {
    const n = whole(text);
    if (n === null) errors[path] = "a whole number of days";
    return n ?? 0;
  };

  const taken = new Set(draft.shippingOptions.map((o) => o.id).filter(Boolean));
  const shippingOptions = draft.shippingOptions.map((o, i) => {
    const at = `shippingOptions.${i}`;
    let rule: ShippingRule;
    if (o.kind === "weight") {
      rule = {
        kind: "weight",
        tiers: o.tiers.map((t, j) => {
          const upTo = t.upToGrams.trim() ? whole(t.upToGrams) : null;
          if (t.upToGrams.trim() && upTo === null) errors[`${at}.rule.tiers.${j}.upToGrams`] = "whole grams, or empty";
          else if (upTo === null && j < o.tiers.length - 1)
            errors[`${at}.rule.tiers.${j}.upToGrams`] = "only the last tier may be open-ended";
          return { upToGrams: upTo, amount: money(t.amount, `${at}.rule.tiers.${j}.amount`, "5.99") };
        }),
      };
    } else if (o.kind === "free_above") {
      rule = {
        kind: "free_above",
        amount: money(o.amount, `${at}.rule.amount`, "4.95"),
        threshold: money(o.threshold, `${at}.rule.threshold`, "50.00"),
      };
    } else rule = { kind: "flat", amount: money(o.amount, `${at}.rule.amount`, "4.95") };
    const minDays = days(o.minDays, `${at}.minDays`);
    const maxDays = days(o.maxDays, `${at}.maxDays`);
    if (!errors[`${at}.minDays`] && !errors[`${at}.maxDays`] && maxDays < minDays)
      errors[`${at}.maxDays`] = "at least the minimum";
    let id = o.id;
    if (!id) {
      id = optionId(draft.id ?? draft.name, o.name, taken);
      taken.add(id);
    }
    return {
      id,
      name: o.name.trim(),
      speed: o.speed,
      rule,
      minDays,
      maxDays,
      taxClass: o.taxClass,
      active: o.active,
    };
  });

  const taxRates = draft.taxRates.map((r, i) => {
    const rateBps = percentToBps(r.rate);
    if (rateBps === null) errors[`taxRates.${i}.rateBps`] = "a percent like 20 or 5.5 (two decimals at most)";
    return {
      country: r.country.trim(),
      subdivision: r.subdivision.trim() || null,
      taxClass: r.taxClass,
      rateBps: rateBps ?? 0,
      name: r.name.trim(),
    };
  });

  if (draft.defaultCountry && !draft.countries.includes(draft.defaultCountry))
    errors.defaultCountry = "one of the region's countries";

  const input: SaveRegionInput = {
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name.trim(),
    currency: draft.currency,
    countries: draft.countries,
    defaultCountry: draft.defaultCountry,
    taxInclusive: draft.taxInclusive,
    taxProvider: draft.taxProvider,
    paymentProviders: draft.paymentProviders,
    shippingOptions,
    taxRates,
    isDefault: draft.isDefault,
  };
  // The shapes' own bounds (a rate above 100 %, a blank name, no country...), from the contract.
  const parsed = saveRegionInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join(".") || "input";
      errors[path] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input };
}

/** The first problem about the countries: the list itself, or one of its codes (`countries.3`). */
export function countriesError(errors: Record<string, string>): string | undefined {
  const key = Object.keys(errors).find((k) => k === "countries" || k.startsWith("countries."));
  if (!key) return undefined;
  const index = key.split(".")[1];
  return index === undefined ? errors[key] : `${errors[key]} (entry ${Number(index) + 1})`;
}

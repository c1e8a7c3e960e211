/**
 * Which region a shopper shops in, and the words the storefront uses for it. Pure (no Next, no
 * fetch), so server components, client components and the unit test share one set of rules. The
 * regions themselves (countries, currency, tax basis) come from the catalog (`catalog.regions.list`).
 */
import {
  type Currency,
  formatMoney,
  needsSubdivision,
  type RegionRules,
  type ShippingQuote,
  type TaxLine,
} from "@mercato/pricing";

/** The shopper's picked region id lives in this first-party cookie (readable by server components). */
export const REGION_COOKIE = "mercato_region";
/** A picked region is remembered for a year. */
export const REGION_COOKIE_MAX_AGE = 365 * 24 * 3600;

/** The `document.cookie` assignment that remembers a region: Secure under https, SameSite Lax. */
export function regionCookie(regionId: string, secure: boolean): string {
  return `${REGION_COOKIE}=${encodeURIComponent(regionId)}; Path=/; Max-Age=${REGION_COOKIE_MAX_AGE}; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/**
 * The countries of an Accept-Language header, most preferred first: `en-GB,fr-FR;q=0.8` → GB, FR.
 * Languages without a region (`fr`) name no country; malformed entries are skipped.
 */
export function acceptLanguageCountries(header: string | null | undefined): string[] {
  if (!header) return [];
  const ranked: { country: string; q: number; at: number }[] = [];
  header
    .split(",")
    .slice(0, 20)
    .forEach((part, at) => {
      const [tag = "", ...params] = part.trim().split(";");
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      if (!Number.isFinite(q) || q <= 0) return;
      // language[-script]-REGION: the region subtag is the two-letter one after the language.
      const subtags = tag.split("-").slice(1);
      const region = subtags.find((s) => /^[A-Za-z]{2}$/.test(s));
      if (region) ranked.push({ country: region.toUpperCase(), q, at });
    });
  ranked.sort((a, b) => b.q - a.q || a.at - b.at);
  return [...new Set(ranked.map((r) => r.country))];
}

export interface RegionHints {
  /** The region id in the shopper's cookie, when they picked one. */
  cookie?: string | null;
  /** The country of a signed-in shopper's default shipping address. */
  addressCountry?: string | null;
  acceptLanguage?: string | null;
}

export type RegionSource = "cookie" | "address" | "language" | "default";

/**
 * The shopper's region: the one they picked (cookie), else the region of their address when signed
 * in, else the first Accept-Language country some region sells to, else the default region. The
 * catalog lists the default region first (`regions.list`), so `defaultId` is only a tie-breaker for
 * callers that know it.
 */
export function chooseRegion<R extends Pick<RegionRules, "id" | "countries">>(
  regions: readonly R[],
  hints: RegionHints,
  defaultId?: string,
): { region: R; source: RegionSource } | null {
  const byCountry = (country: string) => regions.find((r) => r.countries.includes(country.toUpperCase()));
  const picked = hints.cookie ? regions.find((r) => r.id === hints.cookie) : undefined;
  if (picked) return { region: picked, source: "cookie" };
  const fromAddress = hints.addressCountry ? byCountry(hints.addressCountry) : undefined;
  if (fromAddress) return { region: fromAddress, source: "address" };
  for (const country of acceptLanguageCountries(hints.acceptLanguage)) {
    const region = byCountry(country);
    if (region) return { region, source: "language" };
  }
  const fallback = regions.find((r) => r.id === defaultId) ?? regions[0];
  return fallback ? { region: fallback, source: "default" } : null;
}

/**
 * Whether a cart's tax cannot be known yet: the destination's rates depend on a state (US sales
 * tax) and none is given, so "Tax $0.00" would mislead; the cart says it comes with the address.
 */
export function taxAwaitsAddress(
  region: Pick<RegionRules, "taxRates"> | undefined,
  destination: { country: string; subdivision: string | null },
): boolean {
  return region !== undefined && !destination.subdivision && needsSubdivision(region.taxRates, destination.country);
}

/** The currency's symbol as shoppers read it: "£" for GBP, "$" for USD. */
export function currencySymbol(currency: Currency): string {
  const parts = new Intl.NumberFormat("en-GB", {
    style: "currency",
    currency,
    currencyDisplay: "narrowSymbol",
  }).formatToParts(0);
  return parts.find((p) => p.type === "currency")?.value ?? currency;
}

/** How the picker names a region: "United Kingdom · £ GBP". */
export function regionLabel(region: Pick<RegionRules, "name" | "currency">): string {
  return `${region.name} · ${currencySymbol(region.currency)} ${region.currency}`;
}

/** Beside a price: whether the tax is inside it (EU/UK) or comes on top (US). */
export function taxNote(taxInclusive: boolean): string {
  return taxInclusive ? "incl. VAT" : "excl. tax";
}

/** A tax line of a cart or order: "VAT 20% included: €3.00", or "CA sales tax 7.25%: $5.44". */
export function taxLineParts(line: Pick<TaxLine, "name" | "amount">, taxInclusive: boolean, currency: Currency) {
  return { label: taxInclusive ? `${line.name} included` : line.name, amount: formatMoney(line.amount, currency) };
}

/** The basket value above which a region ships for free (its first free-above option), if any. */
export function freeShippingThreshold(region: Pick<RegionRules, "shippingOptions">): number | null {
  for (const option of region.shippingOptions) {
    if (option.active && option.rule.kind === "free_above") return option.rule.threshold;
  }
  return null;
}

/** The footer's sentence on how prices treat tax in a region. */
export function taxSentence(region: Pick<RegionRules, "currency" | "taxInclusive">): string {
  return region.taxInclusive
    ? `Prices in ${region.currency} include VAT; shipping is shown before you pay.`
    : `Prices in ${region.currency} exclude sales tax, which is shown before you pay.`;
}

/** A delivery estimate in working days: "1–2 working days", "1 working day". */
export function deliveryEstimate(minDays: number, maxDays: number): string {
  if (minDays === maxDays) return `${minDays} working ${minDays === 1 ? "day" : "days"}`;
  return `${minDays}–${maxDays} working days`;
}

/** A shipping option as the shopper picks it: "Express · 1–2 working days · €12.90" (or "Free"). */
export function shippingQuoteLabel(
  quote: Pick<ShippingQuote, "name" | "amount" | "minDays" | "maxDays">,
  currency: Currency,
): string {
  const price = quote.amount === 0 ? "Free" : formatMoney(quote.amount, currency);
  return `${quote.name} · ${deliveryEstimate(quote.minDays, quote.maxDays)} · ${price}`;
}

/** Whether a variant's price set has a price in this currency (else it is not sold in the region). */
export function soldIn(prices: readonly { currency: string }[] | undefined, currency: Currency): boolean {
  return prices === undefined || prices.some((p) => p.currency === currency);
}

/** A country's name in English from its ISO code ("GB" → "United Kingdom"); the code if unknown. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

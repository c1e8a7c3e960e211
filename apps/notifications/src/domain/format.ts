import { currencySchema, formatMoney } from "@mercato/pricing";

/**
 * Formats minor units for an email. Refund events carry the currency as a free string; a code the
 * shop does not know is shown as-is rather than guessed.
 */
export function money(amount: number, currency: string): string {
  const known = currencySchema.safeParse(currency);
  if (known.success) return formatMoney(amount, known.data);
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")} ${currency}`;
}

/** A UTC timestamp people can read: "24 Nov 2026, 15:30 UTC". */
export function utcDateTime(iso: string): string {
  const formatted = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(iso));
  return `${formatted} UTC`;
}

/** A delivery estimate in working days: "1–2 working days", "1 working day". */
export function deliveryEstimate(minDays: number, maxDays: number): string {
  const lo = Math.min(minDays, maxDays);
  const hi = Math.max(minDays, maxDays);
  if (hi === lo) return `${hi} working day${hi === 1 ? "" : "s"}`;
  return `${lo}–${hi} working days`;
}

/** A rate in basis points for people: 2000 → "20%", 550 → "5.5%", 725 → "7.25%". */
export function percent(rateBps: number): string {
  return `${(rateBps / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

/** A UTC day people can read: "31 Dec 2026". */
export function utcDate(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso));
}

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

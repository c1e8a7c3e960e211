import { z } from "zod";

/** Currencies the shop sells in (ISO 4217). All use two minor-unit digits. */
export const CURRENCIES = ["EUR", "USD", "GBP"] as const;
export const currencySchema = z.enum(CURRENCIES);
export type Currency = z.infer<typeof currencySchema>;

/** An amount in integer minor units (cents). Never a float. */
export const minorUnitsSchema = z.number().int().safe();

export const moneySchema = z.object({ amount: minorUnitsSchema, currency: currencySchema });
export type Money = z.infer<typeof moneySchema>;

/**
 * The English locale each currency is shown in by default: its own symbol without a country
 * prefix (en-GB would write USD as "US$5.44"; en-US writes "$5.44"). EUR and GBP read as before.
 */
const DISPLAY_LOCALE: Record<Currency, string> = { EUR: "en-IE", USD: "en-US", GBP: "en-GB" };

/** Formats minor units for people, e.g. 1999 EUR → "€19.99", 544 USD → "$5.44". */
export function formatMoney(amount: number, currency: Currency, locale: string = DISPLAY_LOCALE[currency]): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount / 100);
}

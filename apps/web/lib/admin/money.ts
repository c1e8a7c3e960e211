/**
 * Admins type prices as decimals ("12.50"); services take integer minor units. Every currency the
 * platform sells in (pricing's CURRENCIES) has two decimals. Tax rates are typed the same way, as
 * percents with up to two decimals ("5.5"), and stored as basis points: both are hundredths.
 */
const DECIMAL = /^\d+(?:[.,]\d{1,2})?$/;

/** Hundredths of a typed decimal ("7.25" → 725), or null when it is not non-negative with ≤ 2 decimals. */
export function toHundredths(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const [whole = "0", fraction = ""] = trimmed.replace(",", ".").split(".");
  const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return Number.isSafeInteger(hundredths) ? hundredths : null;
}

/** The decimal text for hundredths, always with two decimals (725 → "7.25"). */
export function fromHundredths(value: number): string {
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Minor units for a typed amount, or null when it is not a non-negative amount with ≤ 2 decimals. */
export const toMinorUnits = toHundredths;

/** The decimal text for minor units (for editing an existing price). */
export const fromMinorUnits = fromHundredths;

/** Basis points for a percent typed with up to two decimals ("5.5" or "5.5 %" → 550). */
export function percentToBps(text: string): number | null {
  return toHundredths(text.trim().replace(/\s*%$/, ""));
}

/** The percent text for basis points, without needless zeros (550 → "5.5", 2000 → "20"). */
export function bpsToPercent(bps: number): string {
  return fromHundredths(bps).replace(/\.?0+$/, "");
}

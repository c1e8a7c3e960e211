/**
 * Admins type prices as decimals ("12.50"); services take integer minor units. Every currency the
 * platform sells in (EUR, USD, GBP) has two decimals.
 */
const DECIMAL = /^\d+(?:[.,]\d{1,2})?$/;

/** Minor units for a typed amount, or null when it is not a non-negative amount with ≤ 2 decimals. */
export function toMinorUnits(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const [whole = "0", fraction = ""] = trimmed.replace(",", ".").split(".");
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return Number.isSafeInteger(minor) ? minor : null;
}

/** The decimal text for minor units (for editing an existing price). */
export function fromMinorUnits(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

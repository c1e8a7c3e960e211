/**
 * Erasure of a deleted user's personal data from what orders keeps (pure). An order keeps its
 * financial record — lines, totals, tax, the country and subdivision it was taxed in, payments,
 * refunds — and loses who it was: the email becomes ERASED_EMAIL, the user id null, and every
 * postal address keeps only `country` and `subdivision` (the name and the street become
 * ERASED_TEXT; line2 and phone are dropped).
 */
import type { Address } from "../contract.ts";

export const ERASED_EMAIL = "erased@anonymized.invalid";
export const ERASED_TEXT = "(erased)";

export function eraseAddress(address: Address): Address {
  return {
    name: ERASED_TEXT,
    line1: ERASED_TEXT,
    city: ERASED_TEXT,
    postalCode: ERASED_TEXT,
    country: address.country,
    ...(address.subdivision ? { subdivision: address.subdivision } : {}),
  };
}

function isAddress(value: Record<string, unknown>): value is Address {
  return typeof value.line1 === "string" && typeof value.postalCode === "string" && typeof value.country === "string";
}

/**
 * Any JSON value with the user's traces replaced, for stored events and outbox payloads whose
 * shape is not known here: a string equal to one of `emails` (case-insensitively) becomes
 * ERASED_EMAIL, a `userId` equal to `userId` becomes null, every address is erased.
 */
export function eraseTraces(value: unknown, who: { userId: string | null; emails: readonly string[] }): unknown {
  const emails = new Set(who.emails.map((e) => e.toLowerCase()));
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === "string") {
      if (emails.has(v.toLowerCase())) return ERASED_EMAIL;
      if (key === "userId" && who.userId !== null && v === who.userId) return null;
      return v;
    }
    if (Array.isArray(v)) return v.map((item) => walk(item));
    if (v && typeof v === "object") {
      const record = v as Record<string, unknown>;
      if (isAddress(record)) return eraseAddress(record);
      return Object.fromEntries(Object.entries(record).map(([k, item]) => [k, walk(item, k)]));
    }
    return v;
  };
  return walk(value);
}

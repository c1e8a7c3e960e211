import { isCountryCode } from "./countries.ts";

export type PostalCodeCheck =
  | { ok: true; country: string; postalCode: string }
  | { ok: false; field: "country" | "postalCode"; message: string };

interface CountryRule {
  pattern: RegExp;
  example: string;
  /** The canonical spelling once the input matched. */
  format(m: RegExpMatchArray): string;
}

/** Countries whose format is simple enough to check; the rest get a generic sanity check. */
const RULES: Record<string, CountryRule> = {
  US: {
    pattern: /^(\d{5})(?:-?(\d{4}))?$/,
    example: "12345 or 12345-6789",
    format: (m) => (m[2] ? `${m[1]}-${m[2]}` : `${m[1]}`),
  },
  GB: {
    pattern: /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/,
    example: "SW1A 1AA",
    format: (m) => `${m[1]} ${m[2]}`,
  },
  DE: { pattern: /^(\d{5})$/, example: "10115", format: (m) => `${m[1]}` },
  FR: { pattern: /^(\d{5})$/, example: "75001", format: (m) => `${m[1]}` },
  NL: { pattern: /^([1-9]\d{3}) ?([A-Z]{2})$/, example: "1012 AB", format: (m) => `${m[1]} ${m[2]}` },
};

const GENERIC = /^[A-Z0-9][A-Z0-9 -]{0,14}[A-Z0-9]?$/;

/**
 * Checks a postal code against its country and returns both in canonical form (upper case, the
 * country's usual spacing). An unknown country is refused: an address we cannot ship to is no use.
 */
export function checkPostalCode(countryInput: string, postalCodeInput: string): PostalCodeCheck {
  const country = countryInput.trim().toUpperCase();
  if (!isCountryCode(country)) {
    return { ok: false, field: "country", message: `"${countryInput}" is not an ISO 3166-1 alpha-2 country code` };
  }
  const code = postalCodeInput.trim().toUpperCase().replace(/\s+/g, " ");
  const rule = RULES[country];
  if (rule) {
    const m = code.match(rule.pattern);
    if (!m)
      return { ok: false, field: "postalCode", message: `not a valid ${country} postal code (e.g. ${rule.example})` };
    return { ok: true, country, postalCode: rule.format(m) };
  }
  if (!GENERIC.test(code)) return { ok: false, field: "postalCode", message: "not a valid postal code" };
  return { ok: true, country, postalCode: code };
}

"use client";
import { Field, Select } from "@/components/ui/field.tsx";
import { countryName } from "@/lib/shop/region-choice.ts";
import { subdivisionLabel, subdivisionsOf } from "@/lib/shop/subdivisions.ts";
import type { Address } from "@/lib/shop/types.ts";

export const emptyAddress = (country = ""): Address => ({
  name: "",
  line1: "",
  line2: "",
  city: "",
  postalCode: "",
  country,
  phone: "",
});

/** Drops empty optional fields: the services treat "" as a value. */
export function cleanAddress(a: Address): Address {
  return {
    name: a.name.trim(),
    line1: a.line1.trim(),
    ...(a.line2?.trim() ? { line2: a.line2.trim() } : {}),
    city: a.city.trim(),
    postalCode: a.postalCode.trim(),
    country: a.country,
    ...(a.subdivision?.trim() ? { subdivision: a.subdivision.trim().toUpperCase() } : {}),
    ...(a.phone?.trim() ? { phone: a.phone.trim() } : {}),
  };
}

/** Every country some region sells to, by name: for addresses not tied to one region (the account's). */
export function allCountries(regions: readonly { countries: readonly string[] }[]): string[] {
  return [...new Set(regions.flatMap((r) => r.countries))];
}

/**
 * The fields of a postal address; `errors` are keyed by field name, as the services name them.
 * `countries` are the ones offered (a shipping address: the cart's region's); `subdivision` asks
 * for the state where tax depends on it (the caller knows from the region's rates).
 */
export function AddressFields({
  prefix,
  value,
  onChange,
  countries,
  subdivision = false,
  errors = {},
}: {
  prefix: string;
  value: Address;
  onChange(next: Address): void;
  countries: readonly string[];
  subdivision?: boolean;
  errors?: Record<string, string>;
}) {
  const set = (field: keyof Address) => (e: { target: { value: string } }) =>
    onChange({ ...value, [field]: e.target.value });
  const named = countries.map((code) => [code, countryName(code)] as const).sort((a, b) => a[1].localeCompare(b[1]));
  // A saved address from elsewhere stays selectable, so the form never silently changes it.
  if (value.country && !countries.includes(value.country)) named.unshift([value.country, countryName(value.country)]);
  const subdivisions = subdivisionsOf(value.country);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        className="sm:col-span-2"
        label="Full name"
        name={`${prefix}-name`}
        autoComplete={`${prefix} name`}
        required
        value={value.name}
        onChange={set("name")}
        error={errors.name}
      />
      <Field
        className="sm:col-span-2"
        label="Address"
        name={`${prefix}-line1`}
        autoComplete={`${prefix} address-line1`}
        required
        value={value.line1}
        onChange={set("line1")}
        error={errors.line1}
      />
      <Field
        className="sm:col-span-2"
        label="Apartment, suite (optional)"
        name={`${prefix}-line2`}
        autoComplete={`${prefix} address-line2`}
        value={value.line2 ?? ""}
        onChange={set("line2")}
      />
      <Field
        label="Postal code"
        name={`${prefix}-postalCode`}
        autoComplete={`${prefix} postal-code`}
        required
        value={value.postalCode}
        onChange={set("postalCode")}
        error={errors.postalCode}
      />
      <Field
        label="City"
        name={`${prefix}-city`}
        autoComplete={`${prefix} address-level2`}
        required
        value={value.city}
        onChange={set("city")}
        error={errors.city}
      />
      <Select
        label="Country"
        name={`${prefix}-country`}
        autoComplete={`${prefix} country`}
        value={value.country}
        // A new country's subdivisions are not the old one's.
        onChange={(e) => onChange({ ...value, country: e.target.value, subdivision: "" })}
        error={errors.country}
      >
        {value.country ? null : <option value="">Choose a country</option>}
        {named.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </Select>
      {subdivision ? (
        subdivisions ? (
          <Select
            label={subdivisionLabel(value.country)}
            name={`${prefix}-subdivision`}
            autoComplete={`${prefix} address-level1`}
            required
            value={value.subdivision ?? ""}
            onChange={set("subdivision")}
            error={errors.subdivision}
          >
            <option value="">Choose</option>
            {subdivisions.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </Select>
        ) : (
          <Field
            label={subdivisionLabel(value.country)}
            name={`${prefix}-subdivision`}
            autoComplete={`${prefix} address-level1`}
            required
            value={value.subdivision ?? ""}
            onChange={set("subdivision")}
            error={errors.subdivision}
          />
        )
      ) : null}
      <Field
        label="Phone (optional)"
        name={`${prefix}-phone`}
        type="tel"
        autoComplete={`${prefix} tel`}
        value={value.phone ?? ""}
        onChange={set("phone")}
        error={errors.phone}
      />
    </div>
  );
}

"use client";
import { Field, Select } from "@/components/ui/field.tsx";
import type { Address } from "@/lib/shop/types.ts";

export const COUNTRIES = [
  ["DE", "Germany"],
  ["FR", "France"],
  ["NL", "Netherlands"],
  ["BE", "Belgium"],
  ["AT", "Austria"],
  ["IT", "Italy"],
  ["ES", "Spain"],
  ["IE", "Ireland"],
  ["GB", "United Kingdom"],
  ["US", "United States"],
] as const;

export const emptyAddress = (): Address => ({
  name: "",
  line1: "",
  line2: "",
  city: "",
  postalCode: "",
  country: "DE",
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
    ...(a.phone?.trim() ? { phone: a.phone.trim() } : {}),
  };
}

/** The fields of a postal address; `errors` are keyed by field name, as the services name them. */
export function AddressFields({
  prefix,
  value,
  onChange,
  errors = {},
}: {
  prefix: string;
  value: Address;
  onChange(next: Address): void;
  errors?: Record<string, string>;
}) {
  const set = (field: keyof Address) => (e: { target: { value: string } }) =>
    onChange({ ...value, [field]: e.target.value });
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
        onChange={set("country")}
        error={errors.country}
      >
        {COUNTRIES.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </Select>
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

import { conflict, type DomainError, invalid } from "@mercato/kit/errors";
import type { ShippingRule } from "@mercato/pricing";
import type { SaveRegion } from "../contract.ts";

/**
 * The first problem of a region an admin saves, beyond each field's own shape (which the contract
 * checks), or null. Each refusal names the field the admin must change.
 */
export function regionProblem(region: SaveRegion): DomainError | null {
  const countries = new Map<string, number>();
  for (const [i, country] of region.countries.entries()) {
    if (countries.has(country)) return invalid(`countries.${i}`, `${country} is listed twice`);
    countries.set(country, i);
  }
  if (!countries.has(region.defaultCountry)) {
    return invalid("defaultCountry", `${region.defaultCountry} is not one of the region's countries`);
  }
  if (new Set(region.paymentProviders).size !== region.paymentProviders.length) {
    return invalid("paymentProviders", "a provider is listed twice");
  }

  const optionIds = new Map<string, number>();
  for (const [i, option] of region.shippingOptions.entries()) {
    const first = optionIds.get(option.id);
    if (first !== undefined) {
      return conflict(`shippingOptions.${i}.id`, `"${option.id}" is also shipping option ${first}`);
    }
    optionIds.set(option.id, i);
    if (option.minDays > option.maxDays) {
      return invalid(`shippingOptions.${i}.maxDays`, `must not be below minDays (${option.minDays})`);
    }
    const tiers = tierProblem(option.rule);
    if (tiers) return invalid(`shippingOptions.${i}.rule.tiers`, tiers);
  }

  const rates = new Map<string, number>();
  for (const [i, rate] of region.taxRates.entries()) {
    if (!countries.has(rate.country)) {
      return invalid(`taxRates.${i}.country`, `${rate.country} is not one of the region's countries`);
    }
    const key = `${rate.country}/${rate.subdivision ?? ""}/${rate.taxClass}`;
    const first = rates.get(key);
    if (first !== undefined) {
      return conflict(`taxRates.${i}`, `the same country, subdivision and class as tax rate ${first}`);
    }
    rates.set(key, i);
  }
  return null;
}

/** What is wrong with a weight rule's tiers (ascending bounds, only the last open), or null. */
export function tierProblem(rule: ShippingRule): string | null {
  if (rule.kind !== "weight") return null;
  let previous = 0;
  for (const [i, tier] of rule.tiers.entries()) {
    if (tier.upToGrams === null) {
      if (i !== rule.tiers.length - 1) return `only the last tier may be open (tier ${i} has no upToGrams)`;
      continue;
    }
    if (tier.upToGrams <= previous) return `tier ${i}'s upToGrams must be above ${previous}`;
    previous = tier.upToGrams;
  }
  return null;
}

import { badGateway, invalid, unavailable } from "@mercato/kit";
import { type RegionRules, rateTableTaxes, type TaxRequest } from "@mercato/pricing";
import { StripeTaxError } from "@mercato/pricing/stripe-tax";
import type { TaxAnswer } from "../contract.ts";
import type { PaymentsDeps } from "../deps.ts";

/**
 * Tax for a basket, asked by orders for regions priced with Stripe Tax. Payments answers because
 * it holds the Stripe key. Which provider computes it:
 * - Stripe Tax, when payments has a Stripe key and the region's `taxProvider` is `stripe_tax`;
 * - otherwise the region's own rate table (the test provider has no Stripe to ask, so dev and
 *   tests always get an answer, the same one the built-in provider would give).
 * The request must belong to the region (its currency, basis and country), or nothing is asked.
 */
export async function calculateTax(
  deps: Pick<PaymentsDeps, "stripeTax">,
  input: { region: RegionRules; request: TaxRequest },
): Promise<TaxAnswer> {
  const { region, request } = input;
  if (request.currency !== region.currency) {
    throw invalid("request.currency", `${request.currency} is not ${region.name}'s currency (${region.currency})`);
  }
  if (request.taxInclusive !== region.taxInclusive) {
    throw invalid("request.taxInclusive", `${region.name} prices are ${region.taxInclusive ? "tax-inclusive" : "net"}`);
  }
  const country = request.address.country.toUpperCase();
  if (!region.countries.includes(country)) {
    throw invalid("request.address.country", `${country} is not in ${region.name}`);
  }

  if (!deps.stripeTax || region.taxProvider !== "stripe_tax") {
    return { ...rateTableTaxes(request, region.taxRates), provider: "rates" };
  }
  try {
    return { ...(await deps.stripeTax.calculate(request, region)), provider: "stripe_tax" };
  } catch (err) {
    if (!(err instanceof StripeTaxError)) throw err;
    switch (err.kind) {
      case "invalid_address":
        throw invalid("request.address", err.message);
      case "unavailable":
        throw unavailable("provider", "Stripe Tax is unavailable; try again");
      default:
        throw badGateway("provider", err.message);
    }
  }
}

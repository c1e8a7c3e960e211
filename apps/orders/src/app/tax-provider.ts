import { type RegionRules, rateTableProvider, type TaxProvider, type TaxResult } from "@mercato/pricing";
import type { Clients } from "../clients.ts";
import type { OrdersDeps } from "../deps.ts";
import { upstream } from "./upstream.ts";

/**
 * Who computes an order's tax: the region's own rate table, or — for a region whose
 * `taxProvider` is `stripe_tax` — Stripe Tax, which only payments can reach (it holds the Stripe
 * key): `payments.internal.calculateTax({ region, request })` answers pricing's TaxResult (its
 * output is validated by payments' contract, and pricing's finishBasket refuses an answer that
 * would unbalance the totals). This is the one place orders calls it.
 */
export function stripeTaxProvider(payments: Clients["payments"]): TaxProvider {
  return {
    name: "stripe_tax",
    async calculate(request, region): Promise<TaxResult> {
      const { lines, shipping } = await upstream(
        "payments",
        payments.payments.internal.calculateTax.mutate({ region, request }),
      );
      return { lines, shipping };
    },
  };
}

export function taxProviderFor(
  deps: Pick<OrdersDeps, "clients">,
  region: Pick<RegionRules, "taxProvider">,
): TaxProvider {
  if (region.taxProvider !== "stripe_tax") return rateTableProvider;
  return stripeTaxProvider(deps.clients.payments);
}

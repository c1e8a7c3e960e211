import { badGateway } from "@mercato/kit";
import {
  minorUnitsSchema,
  type RegionRules,
  rateTableProvider,
  type TaxProvider,
  type TaxRequest,
  type TaxResult,
} from "@mercato/pricing";
import { z } from "zod";
import type { OrdersDeps } from "../deps.ts";
import { upstream } from "./upstream.ts";

/**
 * Who computes an order's tax: the region's own rate table, or — for a region whose
 * `taxProvider` is `stripe_tax` — Stripe Tax, which only payments can reach (it holds the Stripe
 * key): `payments.internal.calculateTax({ region, request })` answers pricing's TaxResult.
 *
 * This is the one place orders calls it. The procedure is built in payments alongside this change
 * (#18); until its router type is merged here, the call goes through the narrow view below and
 * its answer is checked against TaxResult's shape, so a payments that answers something else is a
 * 502 naming `tax`, never a wrong total. At merge the view can become the typed client call.
 */
interface PaymentsTaxApi {
  calculateTax: { mutate(input: { region: RegionRules; request: TaxRequest }): Promise<unknown> };
}

const taxResultLine = z.object({ tax: minorUnitsSchema, rateBps: z.number().int().min(0), name: z.string() });
const taxResultSchema = z.object({ lines: z.array(taxResultLine), shipping: taxResultLine.nullable() });

export function stripeTaxProvider(api: PaymentsTaxApi): TaxProvider {
  return {
    name: "stripe_tax",
    async calculate(request, region): Promise<TaxResult> {
      const answer = await upstream("payments", api.calculateTax.mutate({ region, request }));
      const parsed = taxResultSchema.safeParse(answer);
      if (!parsed.success || parsed.data.lines.length !== request.lines.length) {
        throw badGateway("tax", "payments answered the tax calculation in an unexpected shape");
      }
      return parsed.data;
    },
  };
}

export function taxProviderFor(
  deps: Pick<OrdersDeps, "clients">,
  region: Pick<RegionRules, "taxProvider">,
): TaxProvider {
  if (region.taxProvider !== "stripe_tax") return rateTableProvider;
  return stripeTaxProvider(deps.clients.payments.payments.internal as unknown as PaymentsTaxApi);
}

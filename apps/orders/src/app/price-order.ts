import { conflict, invalid } from "@mercato/kit";
import { type BasketTotals, PricingError, priceBasket, type RegionRules } from "@mercato/pricing";
import type { OrdersDeps } from "../deps.ts";
import type { CatalogSku, OrderBasket } from "../domain/pricing.ts";
import { taxProviderFor } from "./tax-provider.ts";
import { UpstreamRefusal, upstream } from "./upstream.ts";

/** The checkout's own names for pricing's fields (the shopper never sent a `discount`). */
const FIELD_AT_CHECKOUT: Record<string, string> = { discount: "discountCode" };

/**
 * What checkout prices with, read from the catalog at once: the cart's region (its currency, tax
 * rates and shipping options as they are now) and the SKUs as sold now, with the price lists in
 * force now for the shopper's customer group (#27; null for guests and customers in none).
 */
export async function regionAndCatalog(
  deps: Pick<OrdersDeps, "clients">,
  regionId: string,
  skus: string[],
  group: string | null = null,
): Promise<{ region: RegionRules; catalog: CatalogSku[] }> {
  const catalogApi = deps.clients.catalog.catalog;
  const [region, catalog] = await Promise.all([
    upstream("catalog", catalogApi.regions.byId.query({ id: regionId })).catch((err: unknown) => {
      // The cart is bound to a region the merchant has since removed: the shopper picks another.
      if (err instanceof UpstreamRefusal && err.kind === "not_found") {
        throw conflict("cart", `its region ${regionId} is no longer offered; choose a region again`);
      }
      throw err;
    }),
    upstream("catalog", catalogApi.products.bySkus.query({ skus, ...(group ? { group } : {}) })),
  ]);
  return { region, catalog };
}

/**
 * Prices the order's basket with @mercato/pricing — the same function the cart shows its totals
 * with — and the region's tax provider. A basket pricing refuses (a shipping option the region
 * does not offer or that cannot carry it, a code in another currency) is a 400 naming the field.
 */
export async function priceOrderBasket(deps: Pick<OrdersDeps, "clients">, order: OrderBasket): Promise<BasketTotals> {
  try {
    return await priceBasket(order.basket, taxProviderFor(deps, order.basket.region));
  } catch (err) {
    if (err instanceof PricingError) throw invalid(FIELD_AT_CHECKOUT[err.field] ?? err.field, err.detail);
    throw err;
  }
}

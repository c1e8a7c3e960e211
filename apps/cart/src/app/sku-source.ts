import type { CatalogRouter } from "@mercato/catalog";
import type { ProductKind, ProductStatus, VariantPrice } from "@mercato/catalog/contract";
import type { InventoryRouter } from "@mercato/inventory";
import { createServiceClient, type Logger, type ServiceTokenSigner, unavailable } from "@mercato/kit";
import type { Currency, TaxClass } from "@mercato/pricing";
import type { CartLineView } from "../contract.ts";

/**
 * What the cart needs to know about a SKU right now: what a cart line shows, whether it sells,
 * its price in each currency it sells in, and what tax and shipping need (class, weight).
 */
export type SkuInfo = Pick<
  CartLineView,
  "sku" | "productId" | "productSlug" | "title" | "image" | "options" | "available"
> & {
  status: ProductStatus;
  /** What the shopper pays now in each currency: the effective price, price lists applied (#27). */
  prices: VariantPrice[];
  /** The price list behind each currency's price, where one applies. */
  priceLists: Partial<Record<Currency, { id: string; name: string }>>;
  taxClass: TaxClass;
  weightGrams: number;
  /** A gift card (#27) needs a recipient on its line and has no stock in inventory. */
  kind: ProductKind;
};

export interface SkuSource {
  /** The SKUs the catalog knows, keyed by SKU, priced for a shopper of `group`; unknown SKUs are absent. */
  lookup(skus: readonly string[], group?: string | null): Promise<Map<string, SkuInfo>>;
}

/**
 * Prices and titles from the catalog, availability from inventory (the source of truth). If
 * inventory does not answer, the catalog's mirror of availability (kept by inventory.stock.changed)
 * is used instead, so the cart degrades rather than fails; if the catalog does not answer, the
 * cart cannot price anything and says so with a 503.
 */
export function createSkuSource(opts: {
  catalogUrl: string;
  inventoryUrl: string;
  serviceToken: ServiceTokenSigner;
  log: Logger;
}): SkuSource {
  const catalog = createServiceClient<CatalogRouter>("catalog", opts.catalogUrl, opts.serviceToken);
  const inventory = createServiceClient<InventoryRouter>("inventory", opts.inventoryUrl, opts.serviceToken);
  return {
    async lookup(skus, group = null) {
      const unique = [...new Set(skus)];
      if (unique.length === 0) return new Map();
      const [products, stock] = await Promise.all([
        catalog.catalog.products.bySkus.query({ skus: unique, ...(group ? { group } : {}) }).catch((err: unknown) => {
          opts.log.warn({ err: String(err) }, "catalog did not answer");
          throw unavailable("catalog", "the catalog service is unavailable; try again shortly");
        }),
        inventory.inventory.availability.query({ skus: unique }).catch((err: unknown) => {
          opts.log.warn({ err: String(err) }, "inventory did not answer; using the catalog's availability");
          return null;
        }),
      ]);
      const available = stock ? new Map(stock.map((s) => [s.sku, s.available])) : null;
      return new Map(
        products.map((p) => [
          p.sku,
          {
            sku: p.sku,
            productId: p.productId,
            productSlug: p.productSlug,
            title: p.title,
            image: p.image,
            options: p.options,
            // The regular price's compare-at stays; a sale's regular price is what it compares with.
            prices: p.effectivePrices.map((e) => ({
              currency: e.currency,
              amount: e.amount,
              compareAtAmount: e.priceList
                ? e.regularAmount
                : (p.prices.find((r) => r.currency === e.currency)?.compareAtAmount ?? null),
            })),
            priceLists: Object.fromEntries(
              p.effectivePrices.flatMap((e) => (e.priceList ? [[e.currency, e.priceList]] : [])),
            ),
            taxClass: p.taxClass,
            weightGrams: p.weightGrams,
            kind: p.kind,
            status: p.status,
            // A SKU inventory has never heard of has no stock; a gift card has none to hear of:
            // the catalog answers its per-line limit.
            available: p.kind === "gift_card" ? p.available : available ? (available.get(p.sku) ?? 0) : p.available,
          },
        ]),
      );
    },
  };
}

import { notFound } from "@mercato/kit/errors";
import { eq, inArray } from "drizzle-orm";
import type { SetVariantPricesInput, VariantInput, VariantPrice } from "../contract.ts";
import { products, variantPrices, variants } from "../db/schema.ts";
import { type ProductWriter, updateProductIn, type WriteMeta } from "./edit-products.ts";

/**
 * One variant's new price set (#24, REST's `PUT /admin/products/{id}/variants/{sku}/prices`):
 * the product's edit with its variant list as it is but that variant's prices, in one
 * transaction, so it is checked, indexed, audited and announced like any edit (updateProductIn).
 */
export async function setVariantPrices(deps: ProductWriter, input: SetVariantPricesInput, meta: WriteMeta = {}) {
  const snapshot = await deps.db.write(async (tx) => {
    const [product] = await tx.select({ id: products.id }).from(products).where(eq(products.id, input.id));
    if (!product) throw notFound("id", `no product "${input.id}"`);
    const current = await tx
      .select({ sku: variants.sku, options: variants.options, weightGrams: variants.weightGrams })
      .from(variants)
      .where(eq(variants.productId, input.id))
      .orderBy(variants.position);
    if (!current.some((v) => v.sku === input.sku)) {
      throw notFound("sku", `product "${input.id}" has no variant "${input.sku}"`);
    }
    const priceRows = await tx
      .select()
      .from(variantPrices)
      .where(
        inArray(
          variantPrices.sku,
          current.map((v) => v.sku),
        ),
      );
    const pricesOf = (sku: string): VariantPrice[] =>
      priceRows
        .filter((p) => p.sku === sku)
        .map((p) => ({ currency: p.currency, amount: p.amount, compareAtAmount: p.compareAtAmount }));
    const list: VariantInput[] = current.map((v) => ({
      sku: v.sku,
      options: v.options,
      weightGrams: v.weightGrams,
      // Ignored beside `prices` (see variantInput), given for the type.
      compareAtPrice: null,
      currency: "EUR",
      prices:
        v.sku === input.sku
          ? input.prices.map((p) => ({ ...p, compareAtAmount: p.compareAtAmount ?? null }))
          : pricesOf(v.sku),
    }));
    return updateProductIn(tx, { id: input.id, variants: list }, meta);
  });
  deps.relay.kick();
  return snapshot;
}

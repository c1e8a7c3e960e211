import { invalid, notFound } from "@mercato/kit";
import { desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { PriceList, savePriceListInput } from "../contract.ts";
import type { ReadDb } from "../db/queries.ts";
import { priceListPrices, priceLists, priceListTargets, variants } from "../db/schema.ts";
import type { CatalogDeps } from "../deps.ts";

type SavePriceList = z.output<typeof savePriceListInput>;

/** Every price list with its prices and selection, newest first (a shop has a handful). */
export async function listPriceLists(db: ReadDb): Promise<PriceList[]> {
  const [lists, prices, targets] = await Promise.all([
    db.select().from(priceLists).orderBy(desc(priceLists.createdAt)),
    db.select().from(priceListPrices),
    db.select().from(priceListTargets),
  ]);
  return lists.map((l) => ({
    id: l.id,
    name: l.name,
    kind: l.kind,
    startsAt: l.startsAt,
    endsAt: l.endsAt,
    groupId: l.groupId,
    percentOffBps: l.percentOffBps,
    prices: prices
      .filter((p) => p.priceListId === l.id)
      .map((p) => ({ sku: p.sku, currency: p.currency, amount: p.amount })),
    targets: targets.filter((t) => t.priceListId === l.id).map((t) => ({ kind: t.kind, id: t.targetId })),
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  }));
}

/**
 * Creates (no `id`) or replaces a price list whole. Every SKU it prices must exist (400 naming
 * `prices.N.sku`). The caches that show prices are capped at the lists' boundaries (see
 * effective-prices.ts); the facet cache is cleared like after any catalog write.
 */
export async function savePriceList(deps: Pick<CatalogDeps, "db">, input: SavePriceList) {
  const id = input.id ?? Bun.randomUUIDv7();
  const now = new Date();
  await deps.db.write(async (tx) => {
    const skus = [...new Set(input.prices.map((p) => p.sku))];
    if (skus.length > 0) {
      const known = new Set(
        (await tx.select({ sku: variants.sku }).from(variants).where(inArray(variants.sku, skus))).map((r) => r.sku),
      );
      const missing = input.prices.findIndex((p) => !known.has(p.sku));
      if (missing >= 0) throw invalid(`prices.${missing}.sku`, `no variant "${input.prices[missing]?.sku}"`);
    }
    const [existing] = await tx
      .select({ createdAt: priceLists.createdAt })
      .from(priceLists)
      .where(eq(priceLists.id, id));
    if (input.id && !existing) throw notFound("id", `no price list "${input.id}"`);
    const row = {
      name: input.name,
      kind: input.kind,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      groupId: input.groupId,
      percentOffBps: input.percentOffBps,
      updatedAt: now,
    };
    if (existing) {
      await tx.update(priceLists).set(row).where(eq(priceLists.id, id));
      await tx.delete(priceListPrices).where(eq(priceListPrices.priceListId, id));
      await tx.delete(priceListTargets).where(eq(priceListTargets.priceListId, id));
    } else {
      await tx.insert(priceLists).values({ id, ...row, createdAt: now });
    }
    if (input.prices.length > 0) {
      await tx.insert(priceListPrices).values(input.prices.map((p) => ({ priceListId: id, ...p })));
    }
    if (input.targets.length > 0) {
      await tx
        .insert(priceListTargets)
        .values(input.targets.map((t) => ({ priceListId: id, kind: t.kind, targetId: t.id })))
        .onConflictDoNothing();
    }
  });
  const saved = (await listPriceLists(deps.db.orm)).find((l) => l.id === id);
  if (!saved) throw notFound("id", `no price list "${id}"`);
  return saved;
}

/** Deletes a price list (its prices and selection go with it); 404 naming `id` when unknown. */
export async function deletePriceList(deps: Pick<CatalogDeps, "db">, id: string) {
  await deps.db.write(async (tx) => {
    const gone = await tx.delete(priceLists).where(eq(priceLists.id, id)).returning({ id: priceLists.id });
    if (gone.length === 0) throw notFound("id", `no price list "${id}"`);
    await tx.delete(priceListPrices).where(eq(priceListPrices.priceListId, id));
    await tx.delete(priceListTargets).where(eq(priceListTargets.priceListId, id));
  });
  return { id };
}

import {
  type ApplicablePriceList,
  type Currency,
  type EffectivePrice,
  effectivePrice,
  nextPriceBoundary,
} from "@mercato/pricing";
import { and, inArray } from "drizzle-orm";
import type { ReadDb } from "../db/queries.ts";
import { referenceData } from "../db/reference-data.ts";
import { priceListPrices, priceListTargets, productCategories } from "../db/schema.ts";

/** What a price list needs to know of a variant to say whether it covers it. */
export interface PricedVariant {
  sku: string;
  productId: string;
  categoryIds: readonly string[];
}

/**
 * The price lists in force at `now` for a shopper of `groupId` (null: lists for everyone only),
 * each as pricing's ApplicablePriceList for every variant it covers: fixed prices by SKU, a
 * percentage by product or (direct) category. The lists themselves come from memory (a shop runs
 * a handful; db/reference-data.ts re-reads them when a write moved their version, so a save is
 * seen by the very next read); their prices and targets are read only when some list is in force.
 */
export async function listsInForce(
  db: ReadDb,
  items: readonly PricedVariant[],
  groupId: string | null,
  now: Date,
): Promise<Map<string, ApplicablePriceList[]>> {
  const out = new Map<string, ApplicablePriceList[]>(items.map((i) => [i.sku, []]));
  if (items.length === 0) return out;
  const at = now.getTime();
  const lists = (await referenceData(db)).priceLists.filter(
    (l) =>
      (l.startsAt === null || l.startsAt.getTime() <= at) &&
      (l.endsAt === null || l.endsAt.getTime() > at) &&
      (l.groupId === null || l.groupId === groupId),
  );
  if (lists.length === 0) return out;
  const ids = lists.map((l) => l.id);
  const [prices, targets] = await Promise.all([
    db
      .select()
      .from(priceListPrices)
      .where(
        and(
          inArray(priceListPrices.priceListId, ids),
          inArray(
            priceListPrices.sku,
            items.map((i) => i.sku),
          ),
        ),
      ),
    db.select().from(priceListTargets).where(inArray(priceListTargets.priceListId, ids)),
  ]);
  for (const list of lists) {
    const base = { id: list.id, name: list.name, startsAt: list.startsAt, endsAt: list.endsAt, groupId: list.groupId };
    for (const item of items) {
      let rule: ApplicablePriceList["rule"] | null = null;
      if (list.percentOffBps !== null) {
        const covers = targets.some(
          (t) =>
            t.priceListId === list.id &&
            ((t.kind === "product" && t.targetId === item.productId) ||
              (t.kind === "category" && item.categoryIds.includes(t.targetId))),
        );
        if (covers) rule = { kind: "percent", offBps: list.percentOffBps };
      } else {
        const mine = prices.filter((p) => p.priceListId === list.id && p.sku === item.sku);
        if (mine.length > 0)
          rule = { kind: "fixed", prices: Object.fromEntries(mine.map((p) => [p.currency, p.amount])) };
      }
      if (rule) out.get(item.sku)?.push({ ...base, rule });
    }
  }
  return out;
}

/** The category ids of each product, for variants read without them (bySkus). */
export async function categoriesOf(db: ReadDb, productIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (productIds.length === 0) return out;
  const rows = await db
    .select({ productId: productCategories.productId, categoryId: productCategories.categoryId })
    .from(productCategories)
    .where(inArray(productCategories.productId, [...new Set(productIds)]));
  for (const r of rows) out.set(r.productId, [...(out.get(r.productId) ?? []), r.categoryId]);
  return out;
}

/** A variant's effective price in every currency of its price set. */
export function effectivePricesOf(
  prices: readonly { currency: Currency; amount: number }[],
  lists: readonly ApplicablePriceList[],
  groupId: string | null,
  now: Date,
): (EffectivePrice & { currency: Currency })[] {
  return prices.map((p) => ({ currency: p.currency, ...effectivePrice(p.amount, p.currency, lists, groupId, now) }));
}

/**
 * Public pages (product page, listings) priced at `now` with the lists for everyone: a variant on
 * sale answers its sale price as `price` and its regular price as `compareAtPrice` (the storefront
 * strikes it through); the product's from-price is its lowest variant's. Filters and sorts by
 * price still use the regular prices (the listing rows); the cards show what a shopper pays.
 */
export async function withSalePrices<
  P extends {
    id: string;
    minPrice: number;
    categoryIds: string[];
    variants: { sku: string; price: number; compareAtPrice: number | null; currency: Currency }[];
  },
>(db: ReadDb, found: P[], now: Date): Promise<P[]> {
  const items = found.flatMap((p) =>
    p.variants.map((v) => ({ sku: v.sku, productId: p.id, categoryIds: p.categoryIds })),
  );
  const lists = await listsInForce(db, items, null, now);
  if ([...lists.values()].every((l) => l.length === 0)) return found;
  return found.map((p) => {
    let changed = false;
    const variants = p.variants.map((v) => {
      const e = effectivePrice(v.price, v.currency, lists.get(v.sku) ?? [], null, now);
      if (e.priceList === null) return v;
      changed = true;
      return { ...v, price: e.amount, compareAtPrice: Math.max(e.regularAmount, v.compareAtPrice ?? 0) };
    });
    if (!changed) return p;
    return { ...p, variants, minPrice: Math.min(...variants.map((v) => v.price)) };
  });
}

/**
 * The coming instants public prices change (lists for everyone starting or ending), soonest
 * first, at most `limit`: the storefront's server keys its data cache by the last one passed.
 */
export async function upcomingPublicBoundaries(db: ReadDb, now: Date, limit = 50): Promise<Date[]> {
  const upcoming = await publicWindowsAfter(db, now);
  const times = upcoming
    .flatMap((l) => [l.startsAt, l.endsAt])
    .filter((d): d is Date => d !== null && d.getTime() > now.getTime())
    .sort((a, b) => a.getTime() - b.getTime());
  return times.slice(0, limit);
}

/**
 * The next instant a public price changes (a list for everyone starts or ends), or null: a shared
 * cache may keep an answer priced now until then and no longer.
 */
export async function nextPublicBoundary(db: ReadDb, now: Date): Promise<Date | null> {
  const upcoming = await publicWindowsAfter(db, now);
  return nextPriceBoundary(upcoming, now);
}

/** The public lists (for everyone) that start or end after `now`. */
async function publicWindowsAfter(db: ReadDb, now: Date) {
  const at = now.getTime();
  return (await referenceData(db)).priceLists.filter(
    (l) =>
      l.groupId === null &&
      ((l.startsAt !== null && l.startsAt.getTime() > at) || (l.endsAt !== null && l.endsAt.getTime() > at)),
  );
}

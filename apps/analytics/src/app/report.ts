import { and, eq, gte, lte, type SQL, sql, sum } from "drizzle-orm";
import type { DayPoint, RankedRow, Report, ReportInput, StockRiskRow } from "../contract.ts";
import {
  dailyCarts,
  dailySales,
  dailySearches,
  dailySignups,
  productDaily,
  products,
  skuDaily,
  stock,
} from "../db/schema.ts";
import type { AnalyticsDeps } from "../deps.ts";
import { addDays, eachDay, previousPeriod, utcDay } from "../domain/days.ts";
import {
  change,
  funnel,
  type Ranked,
  rollUp,
  type SalesCounters,
  salesTotals,
  stockAtRisk,
  sumCounters,
  top,
} from "../domain/report.ts";

type Db = AnalyticsDeps["db"]["orm"];
type Range = { from: string; to: string };

const n = (v: unknown) => Number(v ?? 0);

function salesWhere(range: Range, currency: string, region: string | undefined): SQL | undefined {
  return and(
    gte(dailySales.day, range.from),
    lte(dailySales.day, range.to),
    eq(dailySales.currency, currency),
    region === undefined ? undefined : eq(dailySales.region, region),
  );
}

/** Sales counters per day of the range (every day, zeros where nothing happened). */
async function salesByDay(db: Db, range: Range, currency: string, region?: string) {
  const rows = await db
    .select({
      day: dailySales.day,
      checkouts: sum(dailySales.checkouts),
      orders: sum(dailySales.orders),
      revenue: sum(dailySales.revenue),
      units: sum(dailySales.units),
      discount: sum(dailySales.discount),
      newCustomers: sum(dailySales.newCustomers),
      returningCustomers: sum(dailySales.returningCustomers),
      refunds: sum(dailySales.refunds),
      refunded: sum(dailySales.refunded),
      cancelledUnpaid: sum(dailySales.cancelledUnpaid),
    })
    .from(dailySales)
    .where(salesWhere(range, currency, region))
    .groupBy(dailySales.day);
  const byDay = new Map<string, SalesCounters>(
    rows.map((r) => [
      r.day,
      {
        checkouts: n(r.checkouts),
        orders: n(r.orders),
        revenue: n(r.revenue),
        units: n(r.units),
        discount: n(r.discount),
        newCustomers: n(r.newCustomers),
        returningCustomers: n(r.returningCustomers),
        refunds: n(r.refunds),
        refunded: n(r.refunded),
        cancelledUnpaid: n(r.cancelledUnpaid),
      },
    ]),
  );
  return eachDay(range.from, range.to).map((day) => ({ day, ...sumCounters([byDay.get(day) ?? {}]) }));
}

async function cartsIn(db: Db, range: Range, currency: string): Promise<number> {
  const [row] = await db
    .select({ carts: sum(dailyCarts.carts) })
    .from(dailyCarts)
    .where(and(gte(dailyCarts.day, range.from), lte(dailyCarts.day, range.to), eq(dailyCarts.currency, currency)));
  return n(row?.carts);
}

const points = (rows: (SalesCounters & { day: string })[]): DayPoint[] =>
  rows.map((r) => ({ day: r.day, orders: r.orders, revenue: r.revenue, units: r.units, refunded: r.refunded }));

async function productSales(db: Db, range: Range, currency: string) {
  const rows = await db
    .select({
      productId: productDaily.productId,
      revenue: sum(productDaily.revenue),
      units: sum(productDaily.units),
      title: products.title,
      brand: products.brand,
      categoryIds: products.categoryIds,
    })
    .from(productDaily)
    .leftJoin(products, eq(products.productId, productDaily.productId))
    .where(and(gte(productDaily.day, range.from), lte(productDaily.day, range.to), eq(productDaily.currency, currency)))
    .groupBy(productDaily.productId);
  return rows.map((r) => ({
    key: r.productId,
    label: r.title ?? r.productId,
    revenue: n(r.revenue),
    units: n(r.units),
    brand: r.brand ?? null,
    categoryIds: parseIds(r.categoryIds),
  }));
}

function parseIds(json: string | null): string[] {
  try {
    const v: unknown = JSON.parse(json ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

const labelled = (rows: Ranked[]): RankedRow[] => rows.map((r) => ({ ...r, label: r.key }));

async function zeroResultSearches(db: Db, range: Range, limit: number) {
  const zero = sql<number>`sum(${dailySearches.zeroResults})`;
  const rows = await db
    .select({ query: dailySearches.query, searches: sql<number>`sum(${dailySearches.estimated})`, zero })
    .from(dailySearches)
    .where(and(gte(dailySearches.day, range.from), lte(dailySearches.day, range.to)))
    .groupBy(dailySearches.query)
    .having(sql`${zero} > 0`)
    .orderBy(sql`${zero} desc`, dailySearches.query)
    .limit(limit);
  return rows.map((r) => ({ query: r.query, searches: Math.round(n(r.searches)), zeroResults: Math.round(n(r.zero)) }));
}

/** SKUs with stock that sold in the window ending today, and would run out within the threshold. */
async function stockRisk(deps: AnalyticsDeps, today: string): Promise<StockRiskRow[]> {
  const windowDays = deps.env.SALES_RATE_WINDOW_DAYS;
  const since = addDays(today, -(windowDays - 1));
  const sold = await deps.db.orm
    .select({ sku: skuDaily.sku, productId: skuDaily.productId, units: sum(skuDaily.units) })
    .from(skuDaily)
    .where(and(gte(skuDaily.day, since), lte(skuDaily.day, today)))
    .groupBy(skuDaily.sku);
  if (sold.length === 0) return [];
  const levels = new Map((await deps.db.orm.select().from(stock)).map((s) => [s.sku, s.available]));
  const titles = new Map(
    (await deps.db.orm.select({ id: products.productId, title: products.title }).from(products)).map((p) => [
      p.id,
      p.title,
    ]),
  );
  const rows = sold
    .filter((s) => levels.has(s.sku))
    .map((s) => ({ sku: s.sku, productId: s.productId, available: levels.get(s.sku) ?? 0, unitsSold: n(s.units) }));
  return stockAtRisk(rows, windowDays, deps.env.STOCK_RISK_DAYS).map((r) => ({
    sku: r.sku,
    productId: r.productId,
    title: titles.get(r.productId) ?? r.productId,
    available: r.available,
    unitsPerDay: r.unitsPerDay,
    daysOfCover: r.daysOfCover,
  }));
}

async function signupsIn(db: Db, range: Range): Promise<number> {
  const [row] = await db
    .select({ signups: sum(dailySignups.signups) })
    .from(dailySignups)
    .where(and(gte(dailySignups.day, range.from), lte(dailySignups.day, range.to)));
  return n(row?.signups);
}

async function currenciesIn(db: Db, range: Range): Promise<string[]> {
  const rows = await db
    .selectDistinct({ currency: dailySales.currency })
    .from(dailySales)
    .where(and(gte(dailySales.day, range.from), lte(dailySales.day, range.to)));
  return rows.map((r) => r.currency).sort();
}

/** The analytics page: a range in one currency against the period before it. */
export async function report(
  deps: AnalyticsDeps,
  input: Required<Omit<ReportInput, "region">> & { region?: string },
): Promise<Report> {
  const db = deps.db.orm;
  const range = { from: input.from, to: input.to };
  const previousRange = previousPeriod(range);
  const [days, previousDays, carts, previousCarts, productRows, searches, risk, signups, currencies] =
    await Promise.all([
      salesByDay(db, range, input.currency, input.region),
      salesByDay(db, previousRange, input.currency, input.region),
      cartsIn(db, range, input.currency),
      cartsIn(db, previousRange, input.currency),
      productSales(db, range, input.currency),
      zeroResultSearches(db, range, input.limit),
      stockRisk(deps, utcDay(new Date())),
      signupsIn(db, range),
      currenciesIn(db, range),
    ]);
  const totals = salesTotals(days);
  const previous = salesTotals(previousDays);
  const categories = rollUp(
    productRows.flatMap((p) => p.categoryIds.map((key) => ({ key, revenue: p.revenue, units: p.units }))),
  );
  const brands = rollUp(
    productRows.filter((p) => p.brand).map((p) => ({ key: p.brand ?? "", revenue: p.revenue, units: p.units })),
  );
  return {
    currency: input.currency,
    region: input.region ?? null,
    range,
    previousRange,
    totals,
    previous,
    change: change(totals, previous),
    byDay: points(days),
    previousByDay: points(previousDays),
    funnel: funnel(carts, totals.checkouts, totals.orders),
    previousFunnel: funnel(previousCarts, previous.checkouts, previous.orders),
    topProducts: top(productRows, "revenue", input.limit).map(({ key, label, revenue, units }) => ({
      key,
      label,
      revenue,
      units,
    })),
    topCategories: labelled(top(categories, "revenue", input.limit)),
    topBrands: labelled(top(brands, "revenue", input.limit)),
    zeroResultSearches: searches,
    stockAtRisk: risk,
    signups,
    currencies,
    stockRule: { windowDays: deps.env.SALES_RATE_WINDOW_DAYS, thresholdDays: deps.env.STOCK_RISK_DAYS },
  };
}

/**
 * The report's arithmetic: pure, over rows the app read. Money stays in integer minor units of one
 * currency (a report never adds currencies together); ratios are plain numbers between 0 and 1,
 * null where the denominator is zero (no "0 %" for a day without orders).
 */

export interface SalesCounters {
  checkouts: number;
  orders: number;
  revenue: number;
  units: number;
  discount: number;
  newCustomers: number;
  returningCustomers: number;
  refunds: number;
  refunded: number;
  cancelledUnpaid: number;
}

export interface SalesTotals extends SalesCounters {
  /** Average order value: revenue / paid orders, rounded to the minor unit. */
  aov: number | null;
  /** Refunded amount / revenue of the period. */
  refundRate: number | null;
  /** Revenue less refunds. */
  net: number;
}

export const ZERO_COUNTERS: SalesCounters = {
  checkouts: 0,
  orders: 0,
  revenue: 0,
  units: 0,
  discount: 0,
  newCustomers: 0,
  returningCustomers: 0,
  refunds: 0,
  refunded: 0,
  cancelledUnpaid: 0,
};

const COUNTER_KEYS = Object.keys(ZERO_COUNTERS) as (keyof SalesCounters)[];

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Adds counter rows (days, regions) into one. */
export function sumCounters(rows: readonly Partial<SalesCounters>[]): SalesCounters {
  const out = { ...ZERO_COUNTERS };
  for (const row of rows) for (const k of COUNTER_KEYS) out[k] += row[k] ?? 0;
  return out;
}

export function salesTotals(rows: readonly Partial<SalesCounters>[]): SalesTotals {
  const c = sumCounters(rows);
  return {
    ...c,
    aov: c.orders === 0 ? null : Math.round(c.revenue / c.orders),
    refundRate: ratio(c.refunded, c.revenue),
    net: c.revenue - c.refunded,
  };
}

/** The relative change of each number from the previous period (0.25 = +25 %); null when it was 0 or unknown. */
export function change<T extends object>(current: T, previous: T): { [K in keyof T]: number | null } {
  const out = {} as { [K in keyof T]: number | null };
  for (const key of Object.keys(current) as (keyof T)[]) {
    const now = current[key];
    const before = previous[key];
    out[key] = typeof now === "number" && typeof before === "number" && before !== 0 ? (now - before) / before : null;
  }
  return out;
}

export interface Funnel {
  carts: number;
  checkouts: number;
  paid: number;
  /** Carts created that no checkout followed, as a share of carts created. */
  cartAbandonment: number | null;
  /** Checkouts started that were not paid, as a share of checkouts. */
  checkoutAbandonment: number | null;
}

/**
 * Carts created → checkouts started → paid, over a period (counts of each step in the period,
 * not cohorts: a cart of Monday paid on Tuesday counts on both days). Shares are clamped to 0..1.
 */
export function funnel(carts: number, checkouts: number, paid: number): Funnel {
  const clamp = (x: number | null) => (x === null ? null : Math.min(1, Math.max(0, x)));
  return {
    carts,
    checkouts,
    paid,
    cartAbandonment: clamp(carts === 0 ? null : 1 - checkouts / carts),
    checkoutAbandonment: clamp(checkouts === 0 ? null : 1 - paid / checkouts),
  };
}

/**
 * Days the available stock lasts at the recent sales rate (units sold over `windowDays`); null
 * when nothing sold in the window (no rate: not at risk from sales).
 */
export function daysOfCover(available: number, unitsSold: number, windowDays: number): number | null {
  if (unitsSold <= 0 || windowDays <= 0) return null;
  return Math.max(0, available) / (unitsSold / windowDays);
}

export interface StockRow {
  sku: string;
  productId: string;
  available: number;
  unitsSold: number;
}

export interface StockAtRisk extends StockRow {
  unitsPerDay: number;
  daysOfCover: number;
}

/** SKUs that sell and would run out within `thresholdDays`, the soonest first. */
export function stockAtRisk(rows: readonly StockRow[], windowDays: number, thresholdDays: number): StockAtRisk[] {
  const out: StockAtRisk[] = [];
  for (const row of rows) {
    const cover = daysOfCover(row.available, row.unitsSold, windowDays);
    if (cover === null || cover >= thresholdDays) continue;
    out.push({ ...row, unitsPerDay: row.unitsSold / windowDays, daysOfCover: cover });
  }
  return out.sort((a, b) => a.daysOfCover - b.daysOfCover || a.sku.localeCompare(b.sku));
}

export interface Ranked {
  key: string;
  revenue: number;
  units: number;
}

/** The first `limit` by `by` (then the other measure, then the key, so ties are stable). */
export function top<T extends Ranked>(rows: readonly T[], by: "revenue" | "units", limit: number): T[] {
  const other = by === "revenue" ? "units" : "revenue";
  return [...rows].sort((a, b) => b[by] - a[by] || b[other] - a[other] || a.key.localeCompare(b.key)).slice(0, limit);
}

/** Adds rows with the same key (a product in a category, a brand). */
export function rollUp(rows: readonly Ranked[]): Ranked[] {
  const byKey = new Map<string, Ranked>();
  for (const r of rows) {
    const seen = byKey.get(r.key) ?? { key: r.key, revenue: 0, units: 0 };
    seen.revenue += r.revenue;
    seen.units += r.units;
    byKey.set(r.key, seen);
  }
  return [...byKey.values()];
}

/** A search text as it is counted: trimmed, lower-cased, inner spaces collapsed. */
export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/g, " ").slice(0, 200);
}

// Pure (zod and pricing only): the web imports these for the analytics page's form and tables.
import { currencySchema } from "@mercato/pricing";
import { z } from "zod";

/** The longest range one report covers. */
export const MAX_RANGE_DAYS = 366;
/** Rows per "top" table, at most. */
export const TOP_LIMIT = { default: 10, max: 100 } as const;

function isCalendarDay(value: string): boolean {
  const ms = Date.parse(`${value}T00:00:00.000Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** A UTC day, `YYYY-MM-DD`. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
  .refine(isCalendarDay, "not a calendar day");

const spanDays = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

export const reportInput = z
  .object({
    from: daySchema,
    to: daySchema,
    currency: currencySchema,
    /** One region's sales only; all regions when absent. */
    region: z.string().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(TOP_LIMIT.max).default(TOP_LIMIT.default),
  })
  .superRefine((v, ctx) => {
    if (!isCalendarDay(v.from) || !isCalendarDay(v.to)) return;
    if (v.to < v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "the range ends before it starts" });
    else if (spanDays(v.from, v.to) > MAX_RANGE_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `a report covers at most ${MAX_RANGE_DAYS} days` });
    }
  });
export type ReportInput = z.input<typeof reportInput>;

export const todayInput = z.object({ currency: currencySchema.optional() }).default({});
export const lagInput = z.object({ reset: z.boolean().default(false) }).default({ reset: false });

export interface SalesTotals {
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
  aov: number | null;
  refundRate: number | null;
  net: number;
}

export interface FunnelView {
  carts: number;
  checkouts: number;
  paid: number;
  cartAbandonment: number | null;
  checkoutAbandonment: number | null;
}

export interface DayPoint {
  day: string;
  orders: number;
  revenue: number;
  units: number;
  refunded: number;
}

export interface RankedRow {
  key: string;
  label: string;
  revenue: number;
  units: number;
}

export interface SearchRow {
  query: string;
  /** Searches the samples stand for (rounded). */
  searches: number;
  zeroResults: number;
}

export interface StockRiskRow {
  sku: string;
  productId: string;
  title: string;
  available: number;
  unitsPerDay: number;
  daysOfCover: number;
}

export interface Report {
  currency: string;
  region: string | null;
  range: { from: string; to: string };
  previousRange: { from: string; to: string };
  totals: SalesTotals;
  previous: SalesTotals;
  /** Relative change from the previous period per number (0.25 = +25 %); null when it was 0. */
  change: Record<keyof SalesTotals, number | null>;
  byDay: DayPoint[];
  previousByDay: DayPoint[];
  funnel: FunnelView;
  previousFunnel: FunnelView;
  topProducts: RankedRow[];
  topCategories: RankedRow[];
  topBrands: RankedRow[];
  zeroResultSearches: SearchRow[];
  stockAtRisk: StockRiskRow[];
  signups: number;
  /** Currencies with sales or checkouts in the range (to switch to). */
  currencies: string[];
  /** The settings the stock-at-risk table used. */
  stockRule: { windowDays: number; thresholdDays: number };
}

export interface TodayTile {
  currency: string;
  orders: number;
  revenue: number;
  units: number;
  aov: number | null;
  refunded: number;
  newCustomers: number;
}

export interface Today {
  day: string;
  currencies: TodayTile[];
}

/** Which table of the report a CSV export is of (the web's export buttons). */
export const REPORT_TABLES = [
  "byDay",
  "topProducts",
  "topCategories",
  "topBrands",
  "zeroResultSearches",
  "stockAtRisk",
] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

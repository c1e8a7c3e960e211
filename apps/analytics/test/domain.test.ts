import { describe, expect, test } from "bun:test";
import { reportInput } from "../src/contract.ts";
import { addDays, daysIn, eachDay, isDay, previousPeriod, utcDay } from "../src/domain/days.ts";
import { LagMeter } from "../src/domain/lag.ts";
import {
  change,
  daysOfCover,
  funnel,
  normalizeQuery,
  rollUp,
  salesTotals,
  stockAtRisk,
  top,
} from "../src/domain/report.ts";

describe("UTC days", () => {
  test("an instant's day is its UTC day, whatever the offset it is written with", () => {
    expect(utcDay("2026-03-01T23:30:00.000Z")).toBe("2026-03-01");
    expect(utcDay("2026-03-02T00:30:00+02:00")).toBe("2026-03-01");
  });

  test("ranges count both ends, and the previous period is as long and ends the day before", () => {
    expect(daysIn("2026-02-27", "2026-03-02")).toBe(4);
    expect(eachDay("2026-02-27", "2026-03-01")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
    expect(previousPeriod({ from: "2026-03-01", to: "2026-03-07" })).toEqual({ from: "2026-02-22", to: "2026-02-28" });
    expect(previousPeriod({ from: "2024-03-01", to: "2024-03-01" })).toEqual({ from: "2024-02-29", to: "2024-02-29" });
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  test("only real calendar days are days", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("2026-2-3")).toBe(false);
  });
});

describe("the report input", () => {
  const base = { from: "2026-03-01", to: "2026-03-31", currency: "EUR" };

  test("refuses a range that ends before it starts, or is longer than a year, naming `to`", () => {
    const backwards = reportInput.safeParse({ ...base, to: "2026-02-01" });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0]?.path).toEqual(["to"]);
    const long = reportInput.safeParse({ ...base, from: "2025-01-01" });
    expect(long.error?.issues[0]?.path).toEqual(["to"]);
  });

  test("refuses a day that does not exist, naming it", () => {
    const bad = reportInput.safeParse({ ...base, from: "2026-02-30" });
    expect(bad.error?.issues[0]?.path).toEqual(["from"]);
    expect(reportInput.safeParse(base).success).toBe(true);
  });
});

describe("sales totals", () => {
  test("add up the days; AOV is revenue per paid order to the minor unit; the refund rate is refunded / revenue", () => {
    const t = salesTotals([
      { orders: 2, revenue: 1000, units: 3, refunded: 100, refunds: 1 },
      { orders: 1, revenue: 501, units: 1 },
    ]);
    expect(t.orders).toBe(3);
    expect(t.revenue).toBe(1501);
    expect(t.aov).toBe(500); // 1501 / 3 = 500.33
    expect(t.refundRate).toBeCloseTo(100 / 1501, 10);
    expect(t.net).toBe(1401);
  });

  test("without orders there is no AOV and no refund rate (not zero)", () => {
    const t = salesTotals([]);
    expect(t.aov).toBeNull();
    expect(t.refundRate).toBeNull();
  });

  test("the change from the previous period is relative, null where it was zero", () => {
    expect(change({ a: 150, b: 3, c: null }, { a: 100, b: 0, c: null })).toEqual({ a: 0.5, b: null, c: null });
  });
});

describe("the funnel", () => {
  test("abandonment is the share of a step that did not reach the next", () => {
    const f = funnel(10, 4, 3);
    expect(f.cartAbandonment).toBeCloseTo(0.6, 10);
    expect(f.checkoutAbandonment).toBeCloseTo(0.25, 10);
  });

  test("no carts, no share; more checkouts than carts (carts of the day before) clamps at 0", () => {
    expect(funnel(0, 0, 0).cartAbandonment).toBeNull();
    expect(funnel(2, 5, 5).cartAbandonment).toBe(0);
  });
});

describe("stock at risk", () => {
  test("days of cover is the available stock over the daily rate; no sales, no rate", () => {
    expect(daysOfCover(10, 14, 14)).toBe(10);
    expect(daysOfCover(10, 0, 14)).toBeNull();
    expect(daysOfCover(-3, 7, 7)).toBe(0);
  });

  test("lists the SKUs that run out within the threshold, soonest first", () => {
    const rows = [
      { sku: "A", productId: "p1", available: 30, unitsSold: 14 }, // 30 days
      { sku: "B", productId: "p2", available: 2, unitsSold: 14 }, // 2 days
      { sku: "C", productId: "p3", available: 5, unitsSold: 14 }, // 5 days
      { sku: "D", productId: "p4", available: 0, unitsSold: 0 }, // does not sell
    ];
    const risk = stockAtRisk(rows, 14, 7);
    expect(risk.map((r) => r.sku)).toEqual(["B", "C"]);
    expect(risk[0]?.unitsPerDay).toBe(1);
    expect(risk[0]?.daysOfCover).toBe(2);
  });
});

describe("tops", () => {
  test("rank by the measure asked, ties by the other then the key, and roll up by key", () => {
    const rows = rollUp([
      { key: "shoes", revenue: 500, units: 1 },
      { key: "hats", revenue: 300, units: 5 },
      { key: "shoes", revenue: 100, units: 1 },
      { key: "bags", revenue: 300, units: 5 },
    ]);
    expect(top(rows, "revenue", 10).map((r) => r.key)).toEqual(["shoes", "bags", "hats"]);
    expect(top(rows, "units", 2).map((r) => [r.key, r.units])).toEqual([
      ["bags", 5],
      ["hats", 5],
    ]);
    expect(rows.find((r) => r.key === "shoes")).toEqual({ key: "shoes", revenue: 600, units: 2 });
  });

  test("search texts are counted trimmed, lower-cased, with single spaces", () => {
    expect(normalizeQuery("  Red   SHOES ")).toBe("red shoes");
  });
});

describe("the lag meter", () => {
  test("summarises the recorded lags by percentile and keeps the maximum", () => {
    const m = new LagMeter(100);
    for (let i = 1; i <= 100; i++) m.record(i);
    const s = m.summary();
    expect(s).toEqual({ events: 100, p50Ms: 50, p95Ms: 95, p99Ms: 99, maxMs: 100 });
    m.reset();
    expect(m.summary().events).toBe(0);
  });
});

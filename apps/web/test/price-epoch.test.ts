import { describe, expect, test } from "bun:test";
import { priceEpoch, withEpoch } from "../lib/shop/price-epoch.ts";

describe("the storefront's price epoch (#27)", () => {
  const start = new Date("2026-12-01T10:00:00Z");
  const end = new Date("2026-12-01T12:00:00Z");

  test("changes exactly at each boundary, so a read cached during a sale is not served after it", () => {
    const before = priceEpoch([start, end], start.getTime() - 1);
    const during = priceEpoch([start, end], start.getTime());
    const lastMoment = priceEpoch([start, end], end.getTime() - 1);
    const after = priceEpoch([start, end], end.getTime());
    expect(before).toBe("0");
    expect(during).toBe(String(start.getTime()));
    expect(lastMoment).toBe(during);
    expect(after).toBe(String(end.getTime()));
    expect(new Set([before, during, after]).size).toBe(3);
  });

  test("the epoch is one more query parameter, the input kept", () => {
    const url = "http://gateway.test/trpc/catalog.products.bySlug?input=%7B%22json%22%3A1%7D";
    const keyed = new URL(withEpoch(url, "42"));
    expect(keyed.searchParams.get("pe")).toBe("42");
    expect(keyed.searchParams.get("input")).toBe('{"json":1}');
  });
});

/**
 * Properties of effectivePrice (#27) with fast-check: the lowest applicable price, never below
 * zero, windows inclusive at the start and exclusive at the end, groups only for their members,
 * percentages rounded to the minor unit; nextPriceBoundary is the first change after now.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import {
  type ApplicablePriceList,
  CURRENCIES,
  effectivePrice,
  listAmount,
  mulDivHalfEven,
  nextPriceBoundary,
  priceListApplies,
} from "../src/index.ts";

const RUNS = 400;
const T0 = Date.UTC(2026, 0, 1);
const time = fc.integer({ min: T0, max: T0 + 1_000_000 }).map((t) => new Date(t));
const currency = fc.constantFrom(...CURRENCIES);
const group = fc.constantFrom(null, "wholesale", "staff");
const amount = fc.integer({ min: 0, max: 10_000_000 });

const rule: fc.Arbitrary<ApplicablePriceList["rule"]> = fc.oneof(
  fc.record({
    kind: fc.constant("fixed" as const),
    prices: fc.record({ EUR: fc.integer({ min: -100, max: 10_000_000 }) }, { requiredKeys: [] }),
  }),
  fc.record({ kind: fc.constant("percent" as const), offBps: fc.integer({ min: 0, max: 10_000 }) }),
);
const list: fc.Arbitrary<ApplicablePriceList> = fc.record({
  id: fc.uuid(),
  name: fc.string({ minLength: 1, maxLength: 10 }),
  startsAt: fc.option(time, { nil: null }),
  endsAt: fc.option(time, { nil: null }),
  groupId: group,
  rule,
});

describe("effectivePrice", () => {
  test("is the lowest of the regular price and every applicable list, never below zero", () => {
    fc.assert(
      fc.property(amount, currency, fc.array(list, { maxLength: 6 }), group, time, (regular, cur, lists, g, now) => {
        const got = effectivePrice(regular, cur, lists, g, now);
        const candidates = lists
          .filter((l) => priceListApplies(l, g, now))
          .map((l) => listAmount(l, cur, regular))
          .filter((a): a is number => a !== null);
        expect(got.amount).toBe(Math.min(regular, ...candidates));
        expect(got.amount).toBeGreaterThanOrEqual(0);
        expect(got.amount).toBeLessThanOrEqual(regular);
        expect(got.regularAmount).toBe(regular);
        expect(Number.isSafeInteger(got.amount)).toBe(true);
        // The list named is one that applies and gives that amount; none named means regular.
        if (got.priceList === null) expect(got.amount).toBe(regular);
        else {
          const named = lists.find((l) => l.id === got.priceList?.id);
          expect(named && priceListApplies(named, g, now)).toBe(true);
          expect(named && listAmount(named, cur, regular)).toBe(got.amount);
          expect(got.amount).toBeLessThan(regular);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("a window includes its start and excludes its end", () => {
    fc.assert(
      fc.property(time, fc.integer({ min: 1, max: 100_000 }), amount, (start, length, regular) => {
        const end = new Date(start.getTime() + length);
        const sale: ApplicablePriceList = {
          id: "s",
          name: "Sale",
          startsAt: start,
          endsAt: end,
          groupId: null,
          rule: { kind: "percent", offBps: 10_000 },
        };
        const at = (t: number) => effectivePrice(regular, "EUR", [sale], null, new Date(t)).priceList?.id ?? null;
        expect(at(start.getTime() - 1)).toBeNull();
        if (regular > 0) {
          expect(at(start.getTime())).toBe("s");
          expect(at(end.getTime() - 1)).toBe("s");
        }
        expect(at(end.getTime())).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  test("a group's list applies to its members only", () => {
    fc.assert(
      fc.property(amount, fc.constantFrom("wholesale", "staff"), time, (regular, g, now) => {
        const groupList: ApplicablePriceList = {
          id: "g",
          name: "Group",
          startsAt: null,
          endsAt: null,
          groupId: g,
          rule: { kind: "fixed", prices: { EUR: 0 } },
        };
        const other = g === "staff" ? "wholesale" : "staff";
        expect(effectivePrice(regular, "EUR", [groupList], g, now).amount).toBe(0);
        expect(effectivePrice(regular, "EUR", [groupList], other, now).amount).toBe(regular);
        expect(effectivePrice(regular, "EUR", [groupList], null, now).amount).toBe(regular);
      }),
      { numRuns: RUNS },
    );
  });

  test("a percentage is taken off in whole minor units, rounded half-even", () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 10_000 }), (regular, offBps) => {
        const sale: ApplicablePriceList = {
          id: "p",
          name: "Percent",
          startsAt: null,
          endsAt: null,
          groupId: null,
          rule: { kind: "percent", offBps },
        };
        const got = effectivePrice(regular, "EUR", [sale], null, new Date(T0)).amount;
        expect(got).toBe(regular - mulDivHalfEven(regular, offBps, 10_000));
        expect(Math.abs(got - regular * (1 - offBps / 10_000))).toBeLessThanOrEqual(0.5);
      }),
      { numRuns: RUNS },
    );
  });

  test("a fixed list without the currency leaves the price alone", () => {
    const sale: ApplicablePriceList = {
      id: "f",
      name: "Euro only",
      startsAt: null,
      endsAt: null,
      groupId: null,
      rule: { kind: "fixed", prices: { EUR: 500 } },
    };
    expect(effectivePrice(1000, "GBP", [sale], null, new Date(T0))).toEqual({
      amount: 1000,
      regularAmount: 1000,
      priceList: null,
    });
    expect(effectivePrice(1000, "EUR", [sale], null, new Date(T0)).amount).toBe(500);
  });

  test("a negative regular price is our error", () => {
    expect(() => effectivePrice(-1, "EUR", [], null, new Date(T0))).toThrow(RangeError);
  });
});

describe("nextPriceBoundary", () => {
  test("is the first start or end strictly after now; prices do not change before it", () => {
    fc.assert(
      fc.property(amount, fc.array(list, { maxLength: 6 }), group, time, (regular, lists, g, now) => {
        const next = nextPriceBoundary(lists, now);
        const all = lists.flatMap((l) => [l.startsAt, l.endsAt]).filter((d): d is Date => d !== null);
        const later = all.map((d) => d.getTime()).filter((t) => t > now.getTime());
        expect(next?.getTime() ?? null).toBe(later.length > 0 ? Math.min(...later) : null);
        // Any instant in [now, next) prices the same as now.
        const until = next ? next.getTime() - 1 : now.getTime() + 1_000_000;
        const probe = new Date(now.getTime() + Math.floor((until - now.getTime()) / 2));
        expect(effectivePrice(regular, "EUR", lists, g, probe).amount).toBe(
          effectivePrice(regular, "EUR", lists, g, now).amount,
        );
      }),
      { numRuns: RUNS },
    );
  });
});

import { describe, expect, test } from "bun:test";
import { allocateProportionally, mulDivHalfEven, roundHalfEven } from "../src/index.ts";

describe("roundHalfEven", () => {
  test("ties go to the even neighbour, both down and up", () => {
    expect(roundHalfEven(0.5)).toBe(0);
    expect(roundHalfEven(1.5)).toBe(2);
    expect(roundHalfEven(2.5)).toBe(2);
    expect(roundHalfEven(3.5)).toBe(4);
    expect(roundHalfEven(-1.5)).toBe(-2);
    expect(roundHalfEven(-2.5)).toBe(-2);
  });

  test("non-ties round to the nearest integer", () => {
    expect(roundHalfEven(2.4)).toBe(2);
    expect(roundHalfEven(2.6)).toBe(3);
    expect(roundHalfEven(-2.6)).toBe(-3);
    expect(roundHalfEven(7)).toBe(7);
  });

  test("refuses NaN and infinities", () => {
    expect(() => roundHalfEven(Number.NaN)).toThrow(RangeError);
    expect(() => roundHalfEven(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("mulDivHalfEven", () => {
  test("5 % of amounts that land exactly on .5 rounds to even", () => {
    expect(mulDivHalfEven(10, 500, 10_000)).toBe(0); // 0.5
    expect(mulDivHalfEven(30, 500, 10_000)).toBe(2); // 1.5
    expect(mulDivHalfEven(50, 500, 10_000)).toBe(2); // 2.5
    expect(mulDivHalfEven(70, 500, 10_000)).toBe(4); // 3.5
    expect(mulDivHalfEven(-50, 500, 10_000)).toBe(-2); // -2.5
  });

  test("is exact where floats are not: 20 % of 3998 is 799.6 → 800", () => {
    expect(mulDivHalfEven(3998, 2000, 10_000)).toBe(800);
    expect(mulDivHalfEven(1, 1, 3)).toBe(0);
    expect(mulDivHalfEven(2, 1, 3)).toBe(1);
  });

  test("refuses fractions of a minor unit", () => {
    expect(() => mulDivHalfEven(10.5, 1, 2)).toThrow("amount");
  });
});

describe("allocateProportionally", () => {
  test("shares always sum to the amount; leftovers go to the largest remainders", () => {
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateProportionally(455, [3998, 550])).toEqual([400, 55]);
    // remainders: 7×1/3=2.33, 7×2/3=4.67 → floors 2+4=6, the 1 left goes to the second
    expect(allocateProportionally(7, [1, 2])).toEqual([2, 5]);
  });

  test("ties in remainder go to the earlier line", () => {
    expect(allocateProportionally(1, [5, 5])).toEqual([1, 0]);
    expect(allocateProportionally(2, [1, 1, 1])).toEqual([1, 1, 0]);
  });

  test("nothing to allocate over nothing", () => {
    expect(allocateProportionally(0, [])).toEqual([]);
    expect(allocateProportionally(0, [0, 0])).toEqual([0, 0]);
    expect(() => allocateProportionally(1, [0])).toThrow(RangeError);
  });
});

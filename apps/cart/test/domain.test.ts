import { describe, expect, test } from "bun:test";
import type { RegionRules } from "@mercato/pricing";
import { lineProblem, mergedQuantity, priceIn, quantityRefusal } from "../src/domain/cart-lines.ts";
import { hashCartToken, newCartToken } from "../src/domain/cart-token.ts";
import {
  type CodeRule,
  codeRefusal,
  normalizeCode,
  refusalError,
  ruleProblem,
  unknownCode,
} from "../src/domain/discount-code.ts";
import { choicesIn, destinationIn, offersOption, regionView } from "../src/domain/region.ts";

describe("cart lines", () => {
  test("a line's problem: unavailable, out of stock, insufficient stock, or none", () => {
    expect(lineProblem(1, undefined)).toBe("unavailable");
    expect(lineProblem(1, { status: "archived", available: 10 })).toBe("unavailable");
    expect(lineProblem(1, { status: "draft", available: 10 })).toBe("unavailable");
    expect(lineProblem(1, { status: "active", available: 0 })).toBe("out_of_stock");
    expect(lineProblem(3, { status: "active", available: 2 })).toBe("insufficient_stock");
    expect(lineProblem(2, { status: "active", available: 2 })).toBeNull();
    // Without a price in the cart's currency it cannot be bought there, whatever the stock.
    expect(lineProblem(1, { status: "active", available: 0 }, false)).toBe("not_sold_in_region");
    expect(lineProblem(1, { status: "archived", available: 5 }, false)).toBe("unavailable");
  });

  test("a SKU's price in a currency comes from its price set, or is missing", () => {
    const prices = [
      { currency: "EUR", amount: 1999 },
      { currency: "GBP", amount: 1699 },
    ];
    expect(priceIn(prices, "GBP")).toBe(1699);
    expect(priceIn(prices, "USD")).toBeNull();
    expect(priceIn([], "EUR")).toBeNull();
  });

  test("quantity refusals name the field and the limit", () => {
    expect(quantityRefusal(100, 1000)?.message).toBe("quantity: at most 99 per line");
    expect(quantityRefusal(5, 3)?.message).toBe("quantity: only 3 available");
    expect(quantityRefusal(1, 0)?.message).toBe("quantity: out of stock");
    expect(quantityRefusal(99, 99)).toBeNull();
    expect(quantityRefusal(5, 3)).toMatchObject({ kind: "invalid", field: "quantity", reason: "only 3 available" });
  });

  test("merging adds up, capped by availability and 99, never below the user's own line", () => {
    expect(mergedQuantity(2, 3, 10)).toBe(5);
    expect(mergedQuantity(2, 3, 4)).toBe(4);
    expect(mergedQuantity(60, 60, 500)).toBe(99);
    expect(mergedQuantity(5, 3, 2)).toBe(5); // the user's own line is theirs; it shows as short on read
    expect(mergedQuantity(0, 3, 2)).toBe(2);
    expect(mergedQuantity(0, 3, 0)).toBe(3); // kept and flagged out of stock rather than lost
  });
});

describe("cart tokens", () => {
  test("32 random bytes in base64url; only a SHA-256 hash is stored", () => {
    const a = newCartToken();
    const b = newCartToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(hashCartToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCartToken(a)).toBe(hashCartToken(a));
    expect(hashCartToken(a)).not.toBe(hashCartToken(b));
  });
});

describe("discount codes", () => {
  const now = new Date("2026-06-15T12:00:00Z");
  const rule: CodeRule = {
    code: "SPRING",
    kind: "percent",
    value: 10,
    minSubtotal: 2500,
    startsAt: new Date("2026-06-01T00:00:00Z"),
    endsAt: new Date("2026-07-01T00:00:00Z"),
    usageLimit: 3,
    used: 0,
    oncePerCustomer: true,
    active: true,
    currency: null,
  };
  const at = { now, subtotal: 3000, currency: "EUR" as const, usedByCustomer: false };

  test("a valid code applies", () => {
    expect(codeRefusal("spring", rule, at)).toBeNull();
    expect(normalizeCode("  spring ")).toBe("SPRING");
  });

  test("each refusal names `code` and gives its reason", () => {
    const cases: [Parameters<typeof codeRefusal>[1], Partial<typeof at>, string, string][] = [
      [undefined, {}, "unknown", 'code: "SPRING" is not a valid code'],
      [{ ...rule, active: false }, {}, "inactive", "no longer active"],
      [rule, { now: new Date("2026-05-31T23:59:59Z") }, "not_started", "valid from 2026-06-01T00:00:00.000Z"],
      [rule, { now: new Date("2026-07-01T00:00:00Z") }, "expired", "expired on 2026-07-01T00:00:00.000Z"],
      [{ ...rule, used: 3 }, {}, "exhausted", "used up"],
      [rule, { usedByCustomer: true }, "already_used", "once per customer"],
      [rule, { subtotal: 2499 }, "below_minimum", "at least €25.00 (the cart has €24.99)"],
      [{ ...rule, kind: "fixed", value: 500, currency: "GBP" }, {}, "wrong_currency", "in GBP and this cart is in EUR"],
      [{ ...rule, kind: "fixed", value: 500, currency: null }, {}, "wrong_currency", "this cart is in EUR"],
    ];
    for (const [r, change, reason, text] of cases) {
      const refusal = codeRefusal("spring", r, { ...at, ...change });
      expect(refusal?.reason).toBe(reason as NonNullable<typeof refusal>["reason"]);
      expect(refusal?.message.startsWith("code: ")).toBe(true);
      expect(refusal?.message).toContain(text);
    }
  });

  test("a fixed code applies in its own currency; a percent code in every currency", () => {
    const fixed = { ...rule, kind: "fixed" as const, value: 500, currency: "GBP" as const };
    expect(codeRefusal("spring", fixed, { ...at, currency: "GBP" })).toBeNull();
    for (const currency of ["EUR", "GBP", "USD"] as const) {
      expect(codeRefusal("spring", rule, { ...at, currency })).toBeNull();
    }
  });

  test("an unlimited, open-ended code without minimum always applies", () => {
    const open = { ...rule, startsAt: null, endsAt: null, usageLimit: null, minSubtotal: 0, used: 10_000 };
    expect(codeRefusal("SPRING", open, { ...at, subtotal: 0, usedByCustomer: false })).toBeNull();
  });

  test("a code's shape is checked before saving", () => {
    const base = {
      kind: "percent" as const,
      value: 10,
      currency: null,
      startsAt: null,
      endsAt: null,
      usageLimit: null,
      used: 0,
    };
    expect(ruleProblem(base)).toBeNull();
    expect(ruleProblem({ ...base, kind: "fixed", value: 500, currency: "USD" })).toBeNull();
    expect(ruleProblem({ ...base, value: 101 })?.message).toBe("value: a percent discount is 1 to 100");
    expect(ruleProblem({ ...base, kind: "fixed", value: 0, currency: "EUR" })?.message).toStartWith("value:");
    expect(ruleProblem({ ...base, kind: "fixed", value: 500 })).toMatchObject({ kind: "invalid", field: "currency" });
    expect(ruleProblem({ ...base, currency: "EUR" })).toMatchObject({ kind: "invalid", field: "currency" });
    expect(ruleProblem({ ...base, startsAt: now, endsAt: now })?.message).toBe("endsAt: must be after startsAt");
    expect(ruleProblem({ ...base, usageLimit: 2, used: 3 })?.message).toBe(
      "usageLimit: the code was already used 3 times",
    );
  });

  test("a refused code is answered as not found when unknown, as invalid input otherwise, with the same message", () => {
    const unknown = refusalError(unknownCode("nope"));
    expect(unknown).toMatchObject({ kind: "not_found", field: "code", reason: '"NOPE" is not a valid code' });
    expect(unknown.message).toBe(unknownCode("nope").message);
    const expired = codeRefusal("spring", rule, { ...at, now: new Date("2026-07-02T00:00:00Z") });
    expect(refusalError(expired!)).toMatchObject({ kind: "invalid", field: "code", message: expired!.message });
  });

  test("a rule problem names its field", () => {
    const base = {
      kind: "percent" as const,
      value: 10,
      currency: null,
      startsAt: null,
      endsAt: null,
      usageLimit: null,
      used: 0,
    };
    expect(ruleProblem({ ...base, value: 0 })).toMatchObject({ kind: "invalid", field: "value" });
    expect(ruleProblem({ ...base, usageLimit: 1, used: 2 })).toMatchObject({ kind: "invalid", field: "usageLimit" });
  });
});

describe("regions", () => {
  const option = (id: string, active = true) => ({
    id,
    name: id,
    speed: "standard" as const,
    rule: { kind: "flat" as const, amount: 500 },
    minDays: 1,
    maxDays: 3,
    taxClass: "standard" as const,
    active,
  });
  const us: RegionRules = {
    id: "us",
    name: "United States",
    currency: "USD",
    countries: ["US"],
    defaultCountry: "US",
    taxInclusive: false,
    taxProvider: "rates",
    paymentProviders: ["test"],
    shippingOptions: [option("us-standard"), option("us-old", false)],
    taxRates: [],
  };

  test("the view's region is its id, name, currency and tax basis", () => {
    expect(regionView(us)).toEqual({ id: "us", name: "United States", currency: "USD", taxInclusive: false });
  });

  test("the destination is the shopper's while it is in the region, else the region's default country", () => {
    expect(destinationIn(us, { country: "US", subdivision: "CA" })).toEqual({ country: "US", subdivision: "CA" });
    expect(destinationIn(us, { country: null, subdivision: null })).toEqual({ country: "US", subdivision: null });
    expect(destinationIn(us, { country: "FR", subdivision: null })).toEqual({ country: "US", subdivision: null });
  });

  test("only active options are offered", () => {
    expect(offersOption(us, "us-standard")).toBe(true);
    expect(offersOption(us, "us-old")).toBe(false);
    expect(offersOption(us, "eu-standard")).toBe(false);
  });

  test("moving to a region keeps the choices it has and resets the others", () => {
    expect(choicesIn(us, { country: "US", subdivision: "NY", shippingOptionId: "us-standard" })).toEqual({
      country: "US",
      subdivision: "NY",
      shippingOptionId: "us-standard",
    });
    expect(choicesIn(us, { country: "FR", subdivision: null, shippingOptionId: "eu-express" })).toEqual({
      country: null,
      subdivision: null,
      shippingOptionId: null,
    });
  });
});

import { describe, expect, test } from "bun:test";
import { nextLookup } from "../src/domain/deferral.ts";
import { alertRecipients, classifyFailure, isDeliverableAddress, retryDelayMs } from "../src/domain/delivery.ts";
import { money } from "../src/domain/format.ts";
import { storefrontLinks } from "../src/domain/links.ts";

describe("delivery rules", () => {
  test("429, 5xx and no answer are retried; other 4xx fail at once", () => {
    expect(classifyFailure(429)).toBe("retry");
    expect(classifyFailure(500)).toBe("retry");
    expect(classifyFailure(503)).toBe("retry");
    expect(classifyFailure(null)).toBe("retry");
    expect(classifyFailure(400)).toBe("fatal");
    expect(classifyFailure(401)).toBe("fatal");
    expect(classifyFailure(422)).toBe("fatal");
  });

  test("backoff doubles from the base and stops at the attempt bound", () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 5, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(5, 5, 1000)).toBeNull();
    expect(retryDelayMs(1, 1, 1000)).toBeNull();
    expect(retryDelayMs(30, 50, 1000)).toBe(15 * 60_000);
  });

  test("deliverable addresses", () => {
    for (const ok of ["a@b.co", "first.last+tag@mail.example.com"]) expect(isDeliverableAddress(ok)).toBe(true);
    for (const bad of ["", "nobody", "a@b", "a b@c.com", "Name <a@b.com>", "a@b.com,c@d.com", "@b.com", "a@@b.com"]) {
      expect(isDeliverableAddress(bad)).toBe(false);
    }
  });

  test("alert recipients merge identity's admins with the configured list, each once", () => {
    expect(alertRecipients(["Ops@Shop.dev", "boss@shop.dev"], ["ops@shop.dev", " extra@shop.dev "])).toEqual([
      "Ops@Shop.dev",
      "boss@shop.dev",
      "extra@shop.dev",
    ]);
    expect(alertRecipients([], [])).toEqual([]);
  });
});

describe("deferred recipient lookups", () => {
  test("back off, cap at ten minutes, give up after the maximum wait", () => {
    expect(nextLookup(1, 0, 5000, 60_000)).toEqual({ giveUp: false, delayMs: 5000 });
    expect(nextLookup(3, 0, 5000, 60_000)).toEqual({ giveUp: false, delayMs: 20_000 });
    expect(nextLookup(20, 0, 5000, 3_600_000)).toEqual({ giveUp: false, delayMs: 600_000 });
    expect(nextLookup(2, 60_000, 5000, 60_000)).toEqual({ giveUp: true });
  });
});

describe("formatting", () => {
  test("money in minor units, known and unknown currencies", () => {
    expect(money(1999, "EUR")).toBe("€19.99");
    expect(money(5, "XYZ")).toBe("0.05 XYZ");
    expect(money(-1250, "CHF")).toBe("-12.50 CHF");
  });

  test("links survive a trailing slash and escape ids", () => {
    const l = storefrontLinks("http://localhost:3000/");
    expect(l.order("a/b")).toBe("http://localhost:3000/account/orders/a%2Fb");
    expect(l.pay("o1")).toBe("http://localhost:3000/checkout/pay/o1");
  });
});

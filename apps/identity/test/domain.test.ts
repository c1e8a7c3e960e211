import { describe, expect, test } from "bun:test";
import { initialDefaults } from "../src/domain/addresses.ts";
import { normalizeEmail, redactDeep, redactEmails } from "../src/domain/email.ts";
import { checkPostalCode } from "../src/domain/postal-code.ts";
import { profileProblem } from "../src/domain/profile-bounds.ts";
import { strictest, verdict } from "../src/domain/rate-limit.ts";

describe("postal codes", () => {
  const good: [string, string, string][] = [
    ["US", "12345", "12345"],
    ["us", "12345-6789", "12345-6789"],
    ["US", "123456789", "12345-6789"],
    ["GB", "sw1a 1aa", "SW1A 1AA"],
    ["GB", "M11AE", "M1 1AE"],
    ["GB", "EC1A  1BB", "EC1A 1BB"],
    ["DE", "01067", "01067"],
    ["FR", "75001", "75001"],
    ["NL", "1012ab", "1012 AB"],
    ["BE", "1000", "1000"],
    ["CA", "k1a 0b1", "K1A 0B1"],
  ];
  for (const [country, input, canonical] of good) {
    test(`${country} ${input} → ${canonical}`, () => {
      expect(checkPostalCode(country, input)).toEqual({
        ok: true,
        country: country.toUpperCase(),
        postalCode: canonical,
      });
    });
  }
  const bad: [string, string, "country" | "postalCode"][] = [
    ["XX", "12345", "country"],
    ["ZZ", "12345", "country"],
    ["U", "12345", "country"],
    ["US", "1234", "postalCode"],
    ["US", "12345-67", "postalCode"],
    ["GB", "12345", "postalCode"],
    ["DE", "123456", "postalCode"],
    ["FR", "2A004", "postalCode"],
    ["NL", "0123 AB", "postalCode"],
    ["NL", "1234 A", "postalCode"],
    ["BE", "!!", "postalCode"],
  ];
  for (const [country, input, field] of bad) {
    test(`${country} ${input} is refused on ${field}`, () => {
      const r = checkPostalCode(country, input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.field).toBe(field);
    });
  }
});

describe("rate-limit verdicts", () => {
  test("allowed up to the limit, then the remaining TTL", () => {
    expect(verdict(5, 5, 100, 900)).toEqual({ allowed: true });
    expect(verdict(6, 5, 100, 900)).toEqual({ allowed: false, retryAfterSeconds: 100 });
    expect(verdict(6, 5, -1, 900)).toEqual({ allowed: false, retryAfterSeconds: 900 });
  });
  test("the strictest refusal wins", () => {
    expect(strictest([{ allowed: true }])).toBeNull();
    expect(
      strictest([
        { allowed: false, retryAfterSeconds: 3 },
        { allowed: true },
        { allowed: false, retryAfterSeconds: 30 },
      ]),
    ).toBe(30);
  });
});

describe("addresses and emails", () => {
  test("a first address defaults for both; explicit choices win", () => {
    expect(initialDefaults({}, true)).toEqual({ isDefaultShipping: true, isDefaultBilling: true });
    expect(initialDefaults({}, false)).toEqual({ isDefaultShipping: false, isDefaultBilling: false });
    expect(initialDefaults({ isDefaultBilling: false }, true)).toEqual({
      isDefaultShipping: true,
      isDefaultBilling: false,
    });
  });
  test("emails are trimmed and lower-cased", () => {
    expect(normalizeEmail("  Ann.Lee@Example.COM ")).toBe("ann.lee@example.com");
  });
});

describe("emails never reach the log", () => {
  test("addresses in text and in nested values are redacted to their domain", () => {
    expect(redactEmails("Sign-up attempt for existing email: ann.lee+shop@example.com")).toBe(
      "Sign-up attempt for existing email: ***@example.com",
    );
    expect(redactDeep([{ user: { email: "bob@x.test", id: "u1" } }, "to <c@d.io>", 3, null])).toEqual([
      { user: { email: "***@x.test", id: "u1" } },
      "to <***@d.io>",
      3,
      null,
    ]);
    expect(redactDeep(new Error("no user eve@evil.example"))).toBe("Error: no user ***@evil.example");
  });
});

describe("profile bounds", () => {
  test("name ≤ 100, image ≤ 2,048, nested admin data too", () => {
    expect(profileProblem({ name: "n".repeat(100), image: "i".repeat(2048) })).toBeNull();
    expect(profileProblem({ name: "n".repeat(101) })).toEqual(["name", "at most 100 characters"]);
    expect(profileProblem({ image: "i".repeat(2049) })).toEqual(["image", "at most 2048 characters"]);
    expect(profileProblem({ name: ["array"] })).toEqual(["name", "must be text"]);
    expect(profileProblem({ userId: "u", data: { name: "n".repeat(101) } })).toEqual([
      "data.name",
      "at most 100 characters",
    ]);
  });
});

import { describe, expect, test } from "bun:test";
import { DEFAULT_NEXT, safeNext } from "../lib/shop/safe-next.ts";

describe("the redirect after sign-in stays on this site", () => {
  test("same-origin paths pass, with their query and hash", () => {
    expect(safeNext("/account/orders")).toBe("/account/orders");
    expect(safeNext("/products?q=shirt&page=2#reviews")).toBe("/products?q=shirt&page=2#reviews");
    expect(safeNext("/admin")).toBe("/admin");
  });

  test("missing or empty falls back to the account page", () => {
    expect(safeNext(null)).toBe(DEFAULT_NEXT);
    expect(safeNext(undefined)).toBe(DEFAULT_NEXT);
    expect(safeNext("")).toBe(DEFAULT_NEXT);
  });

  // What `useSearchParams().get("next")` gives for each attacker's link.
  const attacks = [
    ["/%5Cevil.example, decoded", "/\\evil.example"],
    ["backslash first", "\\\\evil.example"],
    ["scheme-relative", "//evil.example"],
    ["scheme-relative with path", "//evil.example/account"],
    ["absolute https", "https://evil.example/"],
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["tab between slashes", "/\t/evil.example"],
    ["newline between slashes", "/\n/evil.example"],
    ["space first", " /account"],
    ["relative path", "account"],
    ["mixed slashes", "/\\/evil.example"],
    ["overlong", `/${"a".repeat(3000)}`],
  ] as const;
  for (const [what, next] of attacks) {
    test(`refused: ${what}`, () => {
      expect(safeNext(next)).toBe(DEFAULT_NEXT);
      expect(new URL(safeNext(next), "https://shop.example").origin).toBe("https://shop.example");
    });
  }

  test("a path that normalises to another origin is refused", () => {
    expect(safeNext("/..//evil.example")).toBe(DEFAULT_NEXT);
  });
});

// The header's "Sign in" link carries the page the shopper is on, so signing in returns there (#21).
import { describe, expect, test } from "bun:test";
import { signInHref } from "../lib/shop/sign-in-link.ts";

describe("sign-in from the header returns to the page it was opened from", () => {
  test("a product page, a search with its query, the cart", () => {
    expect(signInHref("/p/linen-shirt")).toBe("/account/sign-in?next=%2Fp%2Flinen-shirt");
    expect(signInHref("/search?q=shirt&brand=acme")).toBe(
      `/account/sign-in?next=${encodeURIComponent("/search?q=shirt&brand=acme")}`,
    );
    expect(signInHref("/cart")).toBe("/account/sign-in?next=%2Fcart");
  });

  test("the account page itself is the default, so it needs no parameter", () => {
    expect(signInHref("/account")).toBe("/account/sign-in");
  });

  test("from the sign-in flow it keeps that page's own (safe) next", () => {
    expect(signInHref("/account/sign-in?next=%2Fcheckout")).toBe("/account/sign-in?next=%2Fcheckout");
    expect(signInHref("/account/sign-up?next=%2Fp%2Fx")).toBe("/account/sign-in?next=%2Fp%2Fx");
    expect(signInHref("/account/sign-in?next=%2F%2Fevil.example")).toBe("/account/sign-in");
    expect(signInHref("/account/sign-in")).toBe("/account/sign-in");
  });
});

import { describe, expect, test } from "bun:test";
import {
  cartCookies,
  clearCartCookies,
  cookiesFromTokenHeaders,
  isSecureRequest,
  orderCookie,
  tokenHeadersFromCookies,
} from "../lib/token-cookies.ts";

const CART = "c".repeat(43);
const ORDER = "o".repeat(43);
const ORDER_ID = "0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000";

describe("guest-token cookies", () => {
  test("the cookies become the headers the services read; other and malformed cookies are left out", () => {
    const cookie = [
      `mercato_cart=${CART}`,
      "better-auth.session_token=abc",
      `mercato_order_${ORDER_ID}=${ORDER}`,
      `mercato_order_other=${"p".repeat(43)}`,
      "mercato_order_bad=short",
      "mercato_cart_guest=1",
    ].join("; ");
    expect(tokenHeadersFromCookies(cookie)).toEqual({
      "x-cart-token": CART,
      "x-order-token": `${ORDER_ID}=${ORDER},other=${"p".repeat(43)}`,
    });
    expect(tokenHeadersFromCookies(null)).toEqual({});
    expect(tokenHeadersFromCookies("mercato_cart=has spaces; mercato_cart_guest=1")).toEqual({});
  });

  test("the services' token headers become HttpOnly, SameSite=Lax cookies; Secure when asked", () => {
    const res = new Headers();
    res.set("x-cart-token", CART);
    res.append("x-order-token", `${ORDER_ID}=${ORDER}`);
    expect(cookiesFromTokenHeaders(res, false)).toEqual([
      `mercato_cart=${CART}; Path=/; Max-Age=2592000; SameSite=Lax; HttpOnly`,
      "mercato_cart_guest=1; Path=/; Max-Age=2592000; SameSite=Lax",
      `mercato_order_${ORDER_ID}=${ORDER}; Path=/; Max-Age=2592000; SameSite=Lax; HttpOnly`,
    ]);
    expect(cartCookies(CART, true)[0]).toEndWith("; HttpOnly; Secure");
    expect(clearCartCookies(true)).toEqual([
      "mercato_cart=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly; Secure",
      "mercato_cart_guest=; Path=/; Max-Age=0; SameSite=Lax; Secure",
    ]);
    // Nothing a service could smuggle into a cookie name or attribute.
    expect(orderCookie("a;b", ORDER, false)).toBeUndefined();
    expect(orderCookie(ORDER_ID, "x; Domain=evil.example", false)).toBeUndefined();
    expect(cartCookies("x; Domain=evil.example", false)).toEqual([]);
  });

  test("Secure under https (directly or through the ingress) or in production", () => {
    // Next's types make NODE_ENV read-only; the function reads it at call time.
    const vars = process.env as Record<string, string | undefined>;
    const env = vars.NODE_ENV;
    try {
      vars.NODE_ENV = "test";
      expect(isSecureRequest(new Request("http://shop.test/trpc/cart.get"))).toBe(false);
      expect(isSecureRequest(new Request("https://shop.test/trpc/cart.get"))).toBe(true);
      const proxied = new Request("http://web:3000/trpc/cart.get", { headers: { "x-forwarded-proto": "https" } });
      expect(isSecureRequest(proxied)).toBe(true);
      vars.NODE_ENV = "production";
      expect(isSecureRequest(new Request("http://web:3000/trpc/cart.get"))).toBe(true);
    } finally {
      vars.NODE_ENV = env;
    }
  });
});

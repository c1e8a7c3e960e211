import { describe, expect, test } from "bun:test";
import { CLIENT_IP_HEADER, CLIENT_SIG_HEADER, shopperAddress, shopperHeaders } from "../lib/client-address.ts";

const SECRET = "web-tier-secret-of-at-least-32-chars!";

describe("the shopper's address the storefront vouches for", () => {
  test("is the entry our ingress appended, not what the browser wrote before it", () => {
    expect(shopperAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(shopperAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.3" }), 2)).toBe("203.0.113.9");
    expect(shopperAddress(new Headers({ "x-real-ip": "198.51.100.2" }), 1)).toBe("198.51.100.2");
    expect(shopperAddress(new Headers({ "x-forwarded-for": "not an address" }), 1)).toBeUndefined();
    expect(shopperAddress(new Headers(), 1)).toBeUndefined();
  });

  test("is sent signed with the shared secret, and not at all without one", () => {
    const headers = shopperHeaders(new Headers({ "x-forwarded-for": "203.0.113.9" }), SECRET);
    expect(headers[CLIENT_IP_HEADER]).toBe("203.0.113.9");
    expect(headers[CLIENT_SIG_HEADER]).toMatch(/^\d+\.[0-9a-f]{64}$/);
    expect(shopperHeaders(new Headers({ "x-forwarded-for": "203.0.113.9" }), undefined)).toEqual({});
  });
});

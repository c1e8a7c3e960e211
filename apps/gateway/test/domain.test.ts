import { describe, expect, test } from "bun:test";
import { serviceForHttp } from "@mercato/registry";
import { etagMatches, isCacheableRequest, sharedMaxAge } from "../src/domain/cache-policy.ts";
import { bucketsFor, jwtSubject } from "../src/domain/rate-limit.ts";
import { httpRouteLabel, routeTrpc } from "../src/domain/routing.ts";

describe("routing", () => {
  test("a single procedure or a one-service batch goes to that service", () => {
    expect(routeTrpc("catalog.products.list")).toEqual({
      ok: true,
      service: "catalog",
      procedures: ["catalog.products.list"],
    });
    expect(routeTrpc("orders.get,orders.mine")).toMatchObject({ ok: true, service: "orders" });
    expect(routeTrpc("catalog.products.list%2Ccatalog.categories.tree")).toMatchObject({
      ok: true,
      procedures: ["catalog.products.list", "catalog.categories.tree"],
    });
  });

  test("a batch across services is a 400 naming each procedure and its service", () => {
    const route = routeTrpc("catalog.products.list,orders.get");
    expect(route).toMatchObject({ ok: false, status: 400 });
    if (!route.ok)
      expect(route.message).toBe(
        "path: a batch must address one service, but it mixes catalog.products.list (catalog), orders.get (orders)",
      );
  });

  test("unknown namespaces, bare names and bad encodings are refused", () => {
    expect(routeTrpc("warehouse.list")).toMatchObject({ ok: false, status: 404 });
    expect(routeTrpc("catalog")).toMatchObject({ ok: false, status: 404 });
    expect(routeTrpc("")).toMatchObject({ ok: false, status: 404 });
    expect(routeTrpc("%E0%A4%A")).toMatchObject({ ok: false, status: 400 });
  });

  test("procedures are read as tRPC reads them: one or two trailing slashes name the same procedure", () => {
    // The known defect: `orders.checkout/` ran checkout but escaped the checkout limit.
    expect(routeTrpc("orders.checkout/")).toEqual({ ok: true, service: "orders", procedures: ["orders.checkout"] });
    expect(routeTrpc("orders.checkout//")).toMatchObject({ procedures: ["orders.checkout"] });
    expect(routeTrpc("orders.get,orders.checkout/")).toMatchObject({ procedures: ["orders.get", "orders.checkout"] });
    // tRPC trims no more than that, and decodes after trimming: these are other (unknown) names.
    expect(routeTrpc("orders.checkout///")).toMatchObject({ procedures: ["orders.checkout/"] });
    expect(routeTrpc("orders.checkout%2F")).toMatchObject({ procedures: ["orders.checkout/"] });
    expect(routeTrpc("/")).toMatchObject({ ok: false, status: 404 });
  });

  test("plain HTTP routes are labelled by their registered route, never by the raw path", () => {
    expect(httpRouteLabel("identity", "/api/auth/sign-in/email")).toBe("/api/auth");
    expect(httpRouteLabel("catalog", "/media/shirt.svg")).toBe("/media");
    expect(httpRouteLabel("payments", "/webhooks/stripe")).toBe("/webhooks/stripe");
    expect(httpRouteLabel("orders", "/anything")).toBe("other");
  });

  test("plain HTTP routes belong to identity, catalog and payments", () => {
    expect(serviceForHttp("/api/auth/sign-in/email", "POST")).toBe("identity");
    expect(serviceForHttp("/media/shirt.svg", "GET")).toBe("catalog");
    expect(serviceForHttp("/media/shirt.svg", "POST")).toBeUndefined();
    expect(serviceForHttp("/webhooks/stripe", "POST")).toBe("payments");
    expect(serviceForHttp("/webhooks/stripe", "GET")).toBeUndefined();
    expect(serviceForHttp("/admin", "GET")).toBeUndefined();
  });
});

describe("rate-limit buckets", () => {
  const config = { windowMs: 60_000, perIp: 100, perUser: 50, sensitive: 5 };

  test("anonymous requests pay per IP; signed-in ones per IP and per user", () => {
    expect(
      bucketsFor({ path: "/trpc/catalog.products.list", procedures: [], ip: "1.2.3.4", userId: undefined }, config),
    ).toEqual([{ name: "ip", key: "ip:1.2.3.4", limit: 100, windowMs: 60_000 }]);
    const signedIn = bucketsFor(
      { path: "/trpc/cart.get", procedures: ["cart.get"], ip: "1.2.3.4", userId: "u1" },
      config,
    );
    expect(signedIn.map((b) => b.key)).toEqual(["ip:1.2.3.4", "user:u1"]);
  });

  test("sign-in, sign-up, password reset and checkout add a strict bucket", () => {
    for (const path of ["/api/auth/sign-in/email", "/api/auth/sign-up/email", "/api/auth/request-password-reset"]) {
      const strict = bucketsFor({ path, procedures: [], ip: "9.9.9.9", userId: undefined }, config).find(
        (b) => b.name === "sensitive",
      );
      expect(strict).toEqual({ name: "sensitive", key: `auth:${path}:9.9.9.9`, limit: 5, windowMs: 60_000 });
    }
    expect(
      bucketsFor({ path: "/api/auth/get-session", procedures: [], ip: "9.9.9.9", userId: undefined }, config),
    ).toHaveLength(1);
    const checkout = bucketsFor(
      { path: "/trpc/orders.checkout", procedures: ["orders.checkout"], ip: "9.9.9.9", userId: "u7" },
      config,
    );
    expect(checkout.at(-1)).toEqual({ name: "sensitive", key: "orders.checkout:user:u7", limit: 5, windowMs: 60_000 });
  });

  test("Stripe webhooks are charged to no bucket", () => {
    expect(bucketsFor({ path: "/webhooks/stripe", procedures: [], ip: "9.9.9.9", userId: undefined }, config)).toEqual(
      [],
    );
  });

  test("the JWT subject is read without verifying, and garbage yields none", () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    expect(jwtSubject(`Bearer ${part({ alg: "EdDSA" })}.${part({ sub: "user-42" })}.c2ln`)).toBe("user-42");
    expect(jwtSubject(`Bearer ${part({ alg: "EdDSA" })}.${part({ sub: 42 })}.c2ln`)).toBeUndefined();
    expect(jwtSubject(`Bearer ${part({})}.bm90LWpzb24.c2ln`)).toBeUndefined();
    expect(jwtSubject("Bearer session-token-without-dots")).toBeUndefined();
    expect(jwtSubject(null)).toBeUndefined();
  });
});

describe("cache policy", () => {
  const h = (init: Record<string, string>) => new Headers(init);

  test("only anonymous GETs that are not streams may use the shared cache", () => {
    expect(isCacheableRequest("GET", h({}))).toBe(true);
    expect(isCacheableRequest("POST", h({}))).toBe(false);
    expect(isCacheableRequest("GET", h({ authorization: "Bearer x" }))).toBe(false);
    expect(isCacheableRequest("GET", h({ cookie: "a=b" }))).toBe(false);
    expect(isCacheableRequest("GET", h({ accept: "text/event-stream" }))).toBe(false);
  });

  test("a response is shared only when public with a positive max-age, and sets no cookie", () => {
    expect(sharedMaxAge(200, h({ "cache-control": "public, max-age=5, stale-while-revalidate=30" }))).toBe(5);
    expect(sharedMaxAge(200, h({ "cache-control": "public, max-age=5, s-maxage=20" }))).toBe(20);
    expect(sharedMaxAge(200, h({ "cache-control": "max-age=5" }))).toBeUndefined();
    expect(sharedMaxAge(200, h({ "cache-control": "public, no-cache" }))).toBeUndefined();
    expect(sharedMaxAge(200, h({ "cache-control": "private, no-store" }))).toBeUndefined();
    expect(sharedMaxAge(200, h({ "cache-control": "public, max-age=0" }))).toBeUndefined();
    expect(sharedMaxAge(200, h({ "cache-control": "public, max-age=abc" }))).toBeUndefined();
    expect(sharedMaxAge(404, h({ "cache-control": "public, max-age=5" }))).toBeUndefined();
    expect(sharedMaxAge(200, h({ "cache-control": "public, max-age=5", "set-cookie": "a=b" }))).toBeUndefined();
  });

  test("If-None-Match compares weakly, in lists, and with *", () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches("*", '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(null, '"abc"')).toBe(false);
  });
});

import { describe, expect, test } from "bun:test";
import { serviceForHttp } from "@mercato/registry";
import { keepInputs, keptTarget, mergeBatchAnswer, parseBatchInputs } from "../src/domain/batch.ts";
import { etagMatches, isCacheableRequest, sharedMaxAge } from "../src/domain/cache-policy.ts";
import { bucketsFor, bucketsPerCall, cartTokenOf, SHARED_ADDRESS_FACTOR } from "../src/domain/rate-limit.ts";
import { httpRouteLabel, routeTrpc } from "../src/domain/routing.ts";
import { forwardedClient, signClientAddress, verifiedClientAddress } from "../src/domain/web-tier.ts";

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
    expect(routeTrpc("orders.get,,orders.mine")).toMatchObject({ ok: false, status: 400 });
  });

  test("internal procedures are never routed from outside", () => {
    expect(routeTrpc("orders.internal.forPayment")).toMatchObject({ ok: false, status: 404 });
    expect(routeTrpc("cart.get,cart.internal.forCheckout")).toMatchObject({ ok: false, status: 404 });
    expect(routeTrpc("cart.internal.forCheckout/")).toMatchObject({ ok: false, status: 404 });
    expect(routeTrpc("cart.internal%2EforCheckout")).toMatchObject({ ok: false, status: 404 });
    // A name that merely contains the word is another procedure.
    expect(routeTrpc("catalog.internalNotes")).toMatchObject({ ok: true });
  });

  test("a batch may carry at most the cap of calls", () => {
    const many = (n: number) => Array.from({ length: n }, () => "catalog.products.list").join(",");
    expect(routeTrpc(many(10))).toMatchObject({ ok: true });
    const route = routeTrpc(many(50));
    expect(route).toMatchObject({ ok: false, status: 400 });
    if (!route.ok) expect(route.message).toBe("path: a batch may carry at most 10 calls, this one has 50");
    expect(routeTrpc(many(3), 2)).toMatchObject({ ok: false, status: 400 });
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
    expect(serviceForHttp("/media/shirt.svg", "DELETE")).toBeUndefined();
    expect(serviceForHttp("/webhooks/stripe", "POST")).toBe("payments");
    expect(serviceForHttp("/webhooks/stripe", "GET")).toBeUndefined();
    expect(serviceForHttp("/admin", "GET")).toBeUndefined();
  });
});

describe("rate-limit buckets", () => {
  const config = { windowMs: 60_000, perIp: 100, perUser: 50, perIpRead: 300, perMedia: 1000, sensitive: 5 };

  test("anonymous requests pay per IP; signed-in ones per IP and per user; reads and writes apart", () => {
    expect(
      bucketsFor(
        { path: "/trpc/cart.addItem", method: "POST", procedures: ["cart.addItem"], ip: "1.2.3.4", userId: undefined },
        config,
      ),
    ).toEqual([{ name: "ip", key: "ip:1.2.3.4", limit: 100, windowMs: 60_000 }]);
    // A query (a server render, a prefetch, the browser's own) is a read: its own budget.
    expect(
      bucketsFor(
        { path: "/trpc/catalog.products.list", method: "GET", procedures: [], ip: "1.2.3.4", userId: undefined },
        config,
      ),
    ).toEqual([{ name: "read", key: "read:ip:1.2.3.4", limit: 300, windowMs: 60_000 }]);
    const signedIn = bucketsFor(
      { path: "/trpc/cart.get", method: "GET", procedures: ["cart.get"], ip: "1.2.3.4", userId: "u1" },
      config,
    );
    expect(signedIn.map((b) => b.key)).toEqual(["read:ip:1.2.3.4", "read:user:u1"]);
    const signedInWrite = bucketsFor(
      { path: "/trpc/cart.addItem", method: "POST", procedures: ["cart.addItem"], ip: "1.2.3.4", userId: "u1" },
      config,
    );
    expect(signedInWrite.map((b) => b.key)).toEqual(["ip:1.2.3.4", "user:u1"]);
  });

  test("images pay their own bucket only, never the reads or writes", () => {
    for (const userId of [undefined, "u1"]) {
      expect(
        bucketsFor(
          { path: "/media/products/p1/large.webp", method: "GET", procedures: [], ip: "1.2.3.4", userId },
          config,
        ),
      ).toEqual([{ name: "media", key: "media:1.2.3.4", limit: 1000, windowMs: 60_000 }]);
    }
    // Anything but a read of /media is not an image fetch: it pays as a write.
    expect(
      bucketsFor({ path: "/media/upload", method: "POST", procedures: [], ip: "1.2.3.4", userId: undefined }, config)[0]
        ?.name,
    ).toBe("ip");
  });

  test("a shopper's review photo upload (#27) pays as a write of theirs: per address and per user", () => {
    const upload = bucketsFor(
      { path: "/media/reviews/photos", method: "POST", procedures: [], ip: "1.2.3.4", userId: "u1" },
      config,
    );
    expect(upload).toEqual([
      { name: "ip", key: "ip:1.2.3.4", limit: 100, windowMs: 60_000 },
      { name: "user", key: "user:u1", limit: 50, windowMs: 60_000 },
    ]);
  });

  test("the order lookup (#21) pays a strict bucket", () => {
    const lookup = bucketsFor(
      { path: "/trpc/orders.lookup", method: "POST", procedures: ["orders.lookup"], ip: "9.9.9.9", userId: undefined },
      config,
    );
    expect(lookup.find((b) => b.name === "sensitive")).toEqual({
      name: "sensitive",
      key: "orders.lookup:ip:9.9.9.9",
      limit: 5,
      windowMs: 60_000,
    });
  });

  test("sign-in, sign-up, password reset and checkout add a strict bucket", () => {
    for (const path of ["/api/auth/sign-in/email", "/api/auth/sign-up/email", "/api/auth/request-password-reset"]) {
      const strict = bucketsFor(
        { path, method: "POST", procedures: [], ip: "9.9.9.9", userId: undefined },
        config,
      ).find((b) => b.name === "sensitive");
      expect(strict).toEqual({ name: "sensitive", key: `auth:${path}:9.9.9.9`, limit: 5, windowMs: 60_000 });
    }
    expect(
      bucketsFor(
        { path: "/api/auth/get-session", method: "POST", procedures: [], ip: "9.9.9.9", userId: undefined },
        config,
      ),
    ).toHaveLength(1);
    const checkout = bucketsFor(
      { path: "/trpc/orders.checkout", method: "POST", procedures: ["orders.checkout"], ip: "9.9.9.9", userId: "u7" },
      config,
    );
    expect(checkout.at(-1)).toEqual({ name: "sensitive", key: "orders.checkout:user:u7", limit: 5, windowMs: 60_000 });
  });

  test("Stripe webhooks are charged to no bucket", () => {
    expect(
      bucketsFor(
        { path: "/webhooks/stripe", method: "POST", procedures: [], ip: "9.9.9.9", userId: undefined },
        config,
      ),
    ).toEqual([]);
  });

  test("a batch pays per call; guests check out per address and cart, within an address-wide cap", () => {
    const perCall = bucketsPerCall(
      {
        path: "/trpc/orders.get,orders.checkout,orders.checkout",
        method: "POST",
        procedures: ["orders.get", "orders.checkout", "orders.checkout"],
        ip: "9.9.9.9",
        userId: undefined,
        cartTokens: [undefined, "cart-a", "cart-b"],
      },
      config,
    );
    expect(perCall).toHaveLength(3);
    expect(perCall.map((b) => b.filter((x) => x.name === "ip").length)).toEqual([1, 1, 1]);
    const strict = perCall.map((b) => b.filter((x) => x.name === "sensitive").map((x) => x.key));
    expect(strict[0]).toEqual([]);
    expect(strict[1]?.[0]).toStartWith("orders.checkout:ip:9.9.9.9:cart:");
    expect(strict[1]?.[0]).not.toBe(strict[2]?.[0]);
    expect(strict[1]?.[1]).toBe("orders.checkout:ip:9.9.9.9:all");
    expect(perCall[1]?.find((b) => b.key.endsWith(":all"))?.limit).toBe(5 * SHARED_ADDRESS_FACTOR);
    // Discount codes are guessed: they pay a strict bucket too.
    const code = bucketsFor(
      { path: "/trpc/cart.applyCode", method: "POST", procedures: ["cart.applyCode"], ip: "9.9.9.9", userId: "u1" },
      config,
    );
    expect(code.at(-1)).toEqual({ name: "sensitive", key: "cart.applyCode:user:u1", limit: 5, windowMs: 60_000 });
  });

  test("the cart token is read from a call's input, superjson or plain", () => {
    expect(cartTokenOf({ json: { cartToken: "t1", email: "a@b.c" } })).toBe("t1");
    expect(cartTokenOf({ cartToken: "t2" })).toBe("t2");
    expect(cartTokenOf({ json: { cartToken: 7 } })).toBeUndefined();
    expect(cartTokenOf(undefined)).toBeUndefined();
  });
});

describe("batches answered in part", () => {
  test("the kept calls are renumbered, the others answered at their positions", () => {
    expect(parseBatchInputs('{"0":{"json":1},"2":{"json":3}}')).toEqual({ 0: { json: 1 }, 2: { json: 3 } });
    expect(parseBatchInputs("[1]")).toBeUndefined();
    expect(parseBatchInputs("{nope")).toBeUndefined();
    expect(keepInputs({ 0: "a", 1: "b", 2: "c" }, [0, 2])).toEqual({ 0: "a", 1: "c" });
    const target = keptTarget(
      new URL("http://g/trpc/a.x,a.y,a.z?batch=1&input=x"),
      ["a.x", "a.y", "a.z"],
      [1],
      { 1: "b" },
      "GET",
    );
    expect(target).toBe(`/trpc/a.y?batch=1&input=${encodeURIComponent('{"0":"b"}')}`);
    const merged = mergeBatchAnswer(3, [0, 2], ["r0", "r2"], (i) => `refused ${i}`);
    expect(merged).toEqual(["r0", "refused 1", "r2"]);
    expect(mergeBatchAnswer(3, [0, 2], { error: {} }, () => null)).toBeUndefined();
  });
});

describe("client address", () => {
  const secret = "s".repeat(32);
  test("only the web tier's signature makes its address count, and only while fresh", () => {
    const now = 1_800_000_000;
    const sig = signClientAddress(secret, "203.0.113.5", now);
    expect(verifiedClientAddress(secret, "203.0.113.5", sig, now + 5)).toBe("203.0.113.5");
    expect(verifiedClientAddress(secret, "203.0.113.6", sig, now)).toBeUndefined();
    expect(verifiedClientAddress("t".repeat(32), "203.0.113.5", sig, now)).toBeUndefined();
    expect(verifiedClientAddress(secret, "203.0.113.5", sig, now + 120)).toBeUndefined();
    expect(verifiedClientAddress(undefined, "203.0.113.5", sig, now)).toBeUndefined();
    expect(
      verifiedClientAddress(secret, "evil.example", signClientAddress(secret, "evil.example", now), now),
    ).toBeUndefined();
  });

  test("behind N trusted proxies the client is the entry the outermost one appended", () => {
    expect(forwardedClient("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(forwardedClient("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(forwardedClient("203.0.113.7", 3)).toBe("203.0.113.7");
    expect(forwardedClient("6.6.6.6", 0)).toBeUndefined();
    expect(forwardedClient(" , ", 1)).toBeUndefined();
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

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createMercatoClient, type MercatoClient } from "@mercato/client";
import { StockChanged } from "@mercato/events";
import { SERVICE_NAMES } from "@mercato/registry";
import { testServiceSigner } from "@mercato/testing";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import type { StubRouter } from "./fixtures/stub-service.ts";
import { startPlatform, waitFor } from "./harness.ts";

let platform: Awaited<ReturnType<typeof startPlatform>>;
let gw: string;
let admin: MercatoClient;

beforeAll(async () => {
  platform = await startPlatform({ RATE_LIMIT_SENSITIVE: "3" });
  gw = platform.gateway.url;
  const adminToken = await platform.issuer.sign({ sub: "admin-1", email: "admin@example.com", role: "admin" });
  admin = createMercatoClient({ baseUrl: gw, getToken: () => adminToken });
}, 30_000);

afterAll(async () => {
  await platform?.dispose();
});

/** A typed client for one stand-in service, through the gateway (or straight to `url`). */
function stubClient<N extends string>(_namespace: N, opts: { url?: string; headers?: Record<string, string> } = {}) {
  const url = `${opts.url ?? gw}/trpc`;
  return createTRPCClient<StubRouter<N>>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url, transformer: superjson, EventSource }),
        false: httpBatchLink({ url, transformer: superjson, headers: () => opts.headers ?? {} }),
      }),
    ],
  });
}

const listUrl = (limit: number) =>
  `${gw}/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify({ json: { limit } }))}`;

describe("routing", () => {
  test("every service namespace reaches its own service, with the request id passed on", async () => {
    for (const name of SERVICE_NAMES.filter((s) => s !== "catalog")) {
      const res = await fetch(`${gw}/trpc/${name}.whoami`, { headers: { "x-request-id": `req-${name}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-request-id")).toBe(`req-${name}`);
      const body = superjson.deserialize<{ service: string; requestId: string }>(
        ((await res.json()) as { result: { data: never } }).result.data,
      );
      expect(body).toMatchObject({ service: name, requestId: `req-${name}` });
    }
    const viaGateway = await admin.catalog.products.list.query({ limit: 10 });
    const direct = await fetch(listUrl(10).replace(gw, platform.catalog.url)).then((r) => r.json());
    expect(viaGateway.items.length).toBeGreaterThan(3);
    expect(viaGateway).toEqual(superjson.deserialize((direct as { result: { data: never } }).result.data));
  });

  test("a request without an id gets a generated one, back in the response", async () => {
    const res = await fetch(`${gw}/trpc/orders.whoami`);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await res.json()) as { result: { data: { json: { requestId: string } } } };
    expect(body.result.data.json.requestId).toBe(id!);
  });

  test("a batch is answered by its service; a batch mixing services is refused naming the procedures", async () => {
    const ok = await fetch(`${gw}/trpc/cart.whoami,cart.whoami?batch=1&input={}`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as unknown[]).length).toBe(2);

    const mixed = await fetch(`${gw}/trpc/cart.whoami,orders.whoami?batch=1&input={}`);
    expect(mixed.status).toBe(400);
    const { error } = (await mixed.json()) as { error: { message: string } };
    expect(error.message).toContain("cart.whoami (cart)");
    expect(error.message).toContain("orders.whoami (orders)");

    const unknown = await fetch(`${gw}/trpc/warehouse.list`);
    expect(unknown.status).toBe(404);
  });

  test("a typed client sees gateway refusals as TRPCClientErrors with the gateway's message", async () => {
    const res = await fetch(`${gw}/trpc/cart.whoami,orders.whoami?batch=1&input={}`);
    const body = (await res.json()) as { error: { json: never } };
    const shape = superjson.deserialize<{ message: string; data: { code: string } }>(body.error);
    expect(shape.data.code).toBe("BAD_REQUEST");
    expect(shape.message).toContain("a batch must address one service");
  });

  test("better-auth routes reach identity with cookies both ways; webhooks reach payments byte for byte", async () => {
    const signIn = await fetch(`${gw}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: "returning=1" },
      body: JSON.stringify({ email: "ada@example.com", password: "pw" }),
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get("set-auth-token")).toBe("session-for-ada@example.com");
    expect(signIn.headers.getSetCookie()).toEqual(["session=abc; Path=/; HttpOnly", "theme=dark; Path=/"]);
    expect(((await signIn.json()) as { cookieSeen: string }).cookieSeen).toBe("returning=1");

    const payload = new Uint8Array(4096).map((_, i) => (i * 7) % 256);
    const hook = await fetch(`${gw}/webhooks/stripe`, {
      method: "POST",
      headers: { "stripe-signature": "t=1,v1=abc", "content-type": "application/json", "x-service-token": "forged" },
      body: payload,
    });
    const seen = (await hook.json()) as { bytes: number; sha256: string; signature: string; serviceToken: null };
    expect(seen).toEqual({
      bytes: payload.byteLength,
      sha256: new Bun.CryptoHasher("sha256").update(payload).digest("hex"),
      signature: "t=1,v1=abc",
      serviceToken: null,
    });

    const media = await fetch(`${gw}/media/blue-shirt.svg`);
    expect(media.status).toBe(200);
    expect(media.headers.get("content-type")).toContain("image/svg+xml");
    const direct = await fetch(`${platform.catalog.url}/media/blue-shirt.svg`);
    expect(await media.text()).toBe(await direct.text());
  });

  test("a service credential never enters from outside: internal procedures stay internal", async () => {
    const token = await testServiceSigner("orders")("cart");
    const direct = stubClient("cart", { url: platform.stubs.get("cart")!.url, headers: { "x-service-token": token } });
    expect(await direct.cart.secret.query()).toEqual({ caller: "orders" });
    const viaGateway = stubClient("cart", { headers: { "x-service-token": token } });
    const err = await viaGateway.cart.secret.query().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect((err as TRPCClientError<StubRouter<"cart">>).data?.code).toBe("UNAUTHORIZED");
  });
});

describe("subscriptions", () => {
  test("SSE passes through unbuffered and in order", async () => {
    const client = stubClient("orders");
    const received: number[] = [];
    const done = Promise.withResolvers<void>();
    const sub = client.orders.ticks.subscribe(
      { count: 8 },
      {
        onData: (tick) => {
          received.push(tick.n);
          if (received.length === 8) done.resolve();
        },
        onError: (err) => done.reject(err),
      },
    );
    // The stream never ends by itself: events can only arrive if the gateway streams them.
    await Promise.race([done.promise, Bun.sleep(5_000).then(() => Promise.reject(new Error(`got ${received}`)))]);
    sub.unsubscribe();
    expect(received).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test("the platform client subscribes through the gateway with the bearer token", async () => {
    const token = await platform.issuer.sign({ sub: "shopper-9", email: "s9@example.com" });
    const client = createMercatoClient({ baseUrl: gw, getToken: () => token });
    // The stand-in behind the orders namespace has the stub's procedures, not the real router's.
    const orders = client.clients.orders as unknown as ReturnType<typeof stubClient<"orders">>;
    const ticks: { n: number; userId: string | null }[] = [];
    const done = Promise.withResolvers<void>();
    const sub = orders.orders.ticks.subscribe(
      { count: 3 },
      {
        onData: (tick) => {
          ticks.push(tick);
          if (ticks.length === 3) done.resolve();
        },
        onError: (err) => done.reject(err),
      },
    );
    await Promise.race([done.promise, Bun.sleep(5_000).then(() => Promise.reject(new Error("no ticks")))]);
    sub.unsubscribe();
    expect(ticks).toEqual([0, 1, 2].map((n) => ({ n, userId: "shopper-9" })));
  });
});

describe("protection", () => {
  test("CORS answers allowed origins with credentials and refuses unknown ones", async () => {
    const preflight = (origin: string) =>
      fetch(`${gw}/trpc/catalog.products.list`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
      });
    const allowed = await preflight("http://localhost:3000");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");

    const refused = await preflight("https://evil.example");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const get = await fetch(listUrl(1), { headers: { origin: "https://evil.example" } });
    expect(get.status).toBe(403);
    expect(((await get.json()) as { error: { message: string } }).error.message).toContain("https://evil.example");
  });

  test("secure headers are set on every answer", async () => {
    const res = await fetch(`${gw}/trpc/cart.whoami`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("strict-transport-security")).toContain("max-age");
  });

  test("a body over the limit is a 413 that never reaches the service", async () => {
    const res = await fetch(`${gw}/trpc/cart.echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { text: "x".repeat(1024 * 1024 + 10) } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("body");
  });

  test("sign-in is limited strictly: the 4th try within the window is a 429 with Retry-After", async () => {
    const signIn = () =>
      fetch(`${gw}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "eve@example.com", password: "guess" }),
      });
    // The routing test signed in once already from this IP: count what is left.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await signIn()).status);
    expect(statuses).toContain(429);
    const refused = await signIn();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("Too many requests");
    // Other routes are not affected by the strict bucket.
    expect((await fetch(`${gw}/trpc/cart.whoami`)).status).toBe(200);
  });
});

describe("rate limits see procedures as tRPC does", () => {
  test("orders.checkout/ runs checkout upstream, so it pays the strict checkout bucket", async () => {
    // tRPC trims the trailing slash: the stand-in runs `orders.echo` for `orders.echo/`.
    const direct = await fetch(`${platform.stubs.get("orders")!.url}/trpc/orders.echo/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { text: "same procedure" } }),
    });
    expect(((await direct.json()) as { result: { data: { json: { text: string } } } }).result.data.json.text).toBe(
      "same procedure",
    );

    const checkout = (path: string) =>
      fetch(`${gw}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    // The platform allows 3 sensitive calls per window (the stand-in has no checkout: it answers 404).
    for (let i = 0; i < 3; i++) expect((await checkout("/trpc/orders.checkout")).status).not.toBe(429);
    expect((await checkout("/trpc/orders.checkout/")).status).toBe(429);
  });
});

describe("rate limits per IP and per user", () => {
  test("a user over their limit gets 429 while another user and the IP go on; Redis down fails open", async () => {
    const { startRedis } = await import("@mercato/testing");
    const ownRedis = await startRedis();
    try {
      const limited = await platform.gatewayFor({
        REDIS_URL: ownRedis.url,
        RATE_LIMIT_IP: "12",
        RATE_LIMIT_READ: "12",
        RATE_LIMIT_USER: "3",
        RATE_LIMIT_WINDOW_MS: "30000",
      });
      const tokens = {
        alice: await platform.issuer.sign({ sub: "alice", email: "alice@example.com" }),
        bob: await platform.issuer.sign({ sub: "bob", email: "bob@example.com" }),
      };
      const as = (sub: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[sub]}` });
      const call = (headers: Record<string, string> = {}) => fetch(`${limited.url}/trpc/cart.whoami`, { headers });
      await waitFor(() => limited.deps.redis.isReady, 5_000, "redis to connect");

      for (let i = 0; i < 3; i++) expect((await call(as("alice"))).status).toBe(200);
      const refused = await call(as("alice"));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await call(as("bob"))).status).toBe(200);
      // A token nobody signed names no user: it is refused, not counted as "mallory".
      expect((await call({ authorization: `Bearer ${fakeJwt("mallory")}` })).status).toBe(401);

      // The IP has spent 5 of 12 (the 401 was refused before counting); anonymous calls spend the
      // rest, then the IP is refused.
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await call()).status);
      expect(statuses.filter((s) => s === 200).length).toBe(7);
      expect(statuses.at(-1)).toBe(429);

      const metrics = await fetch(`${limited.metricsUrl}/metrics`).then((r) => r.text());
      expect(metrics).toMatch(/gateway_rate_limited_total\{bucket="user",service="gateway"\} 1/);
      // cart.whoami is a query: the IP's read bucket ran out.
      expect(metrics).toMatch(/gateway_rate_limited_total\{bucket="read",service="gateway"\} 1/);

      // A second instance shares the counts through Redis (synced in the background): the IP is
      // spent there too.
      const twin = await platform.gatewayFor({ REDIS_URL: ownRedis.url, RATE_LIMIT_IP: "12", RATE_LIMIT_READ: "12" });
      await waitFor(() => twin.deps.redis.isReady, 5_000, "redis to connect");
      await waitFor(
        async () => (await fetch(`${twin.url}/trpc/cart.whoami`)).status === 429,
        2_000,
        "the second instance to refuse the spent IP",
      );

      // Without Redis nothing can be counted: requests go through (fail open).
      await ownRedis.stop();
      const blind = await platform.gatewayFor({ REDIS_URL: ownRedis.url, RATE_LIMIT_IP: "2", RATE_LIMIT_READ: "2" });
      for (let i = 0; i < 4; i++) expect((await fetch(`${blind.url}/trpc/cart.whoami`)).status).toBe(200);
    } finally {
      await ownRedis.dispose();
    }
  });
});

describe("rate limits: reads, images and writes apart (#21)", () => {
  test("a burst of images and queries through the public origin leaves the writes their budget; writes are still limited", async () => {
    const { startRedis } = await import("@mercato/testing");
    const ownRedis = await startRedis();
    try {
      const limited = await platform.gatewayFor({
        REDIS_URL: ownRedis.url,
        RATE_LIMIT_IP: "3",
        RATE_LIMIT_READ: "25",
        RATE_LIMIT_MEDIA: "60",
        RATE_LIMIT_WINDOW_MS: "30000",
      });
      await waitFor(() => limited.deps.redis.isReady, 5_000, "redis to connect");
      const images: number[] = [];
      for (let i = 0; i < 60; i++) images.push((await fetch(`${limited.url}/media/product-${i}.svg`)).status);
      expect(images.every((s) => s === 200)).toBe(true);
      const reads: number[] = [];
      for (let i = 0; i < 25; i++) reads.push((await fetch(`${limited.url}/trpc/cart.whoami`)).status);
      expect(reads.every((s) => s === 200)).toBe(true);
      expect((await fetch(`${limited.url}/media/one-more.svg`)).status).toBe(429);
      expect((await fetch(`${limited.url}/trpc/cart.whoami`)).status).toBe(429);
      // The mutation budget (Add to cart) is untouched by all that browsing, and still holds.
      const write = () =>
        fetch(`${limited.url}/trpc/cart.echo`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ json: { text: "add" } }),
        }).then((r) => r.status);
      expect([await write(), await write(), await write(), await write()]).toEqual([200, 200, 200, 429]);
    } finally {
      await ownRedis.dispose();
    }
  });
});

describe("resilience", () => {
  test("a stopped service is a fast 503 naming it while the others keep answering", async () => {
    const cart = platform.stubs.get("cart")!;
    await cart.dispose();
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      const res = await fetch(`${gw}/trpc/cart.whoami`);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: { message: "cart is unavailable" } });
    }
    expect((await fetch(`${gw}/trpc/orders.whoami`)).status).toBe(200);
    expect((await fetch(listUrl(2))).status).toBe(200);

    const metrics = await fetch(`${platform.gateway.metricsUrl}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/gateway_circuit_state\{upstream="cart",service="gateway"\} 1/);
    expect(metrics).toMatch(/gateway_circuit_state\{upstream="orders",service="gateway"\} 0/);
    // The system health page reads the breakers from the internal port, never the public one.
    const breakers = (await fetch(`${platform.gateway.metricsUrl}/breakers`).then((r) => r.json())) as {
      breakers: Record<string, string>;
    };
    expect(breakers.breakers.cart).toBe("open");
    expect(breakers.breakers.orders).toBe("closed");
    expect((await fetch(`${gw}/breakers`)).status).toBe(404);

    const health = await fetch(`${gw}/health`);
    expect(health.status).toBe(503);
    const body = (await health.json()) as { message: string; services: Record<string, { status: string }> };
    expect(body.message).toBe("cart is unavailable");
    expect(body.services.cart?.status).toBe("unavailable");
    expect(body.services.catalog?.status).toBe("ready");
  });

  test("a service slower than the timeout is a 504 naming it, within the timeout", async () => {
    const started = performance.now();
    const res = await fetch(`${gw}/trpc/notifications.slow?input=${encodeURIComponent('{"json":{"ms":3000}}')}`);
    const took = performance.now() - started;
    expect(res.status).toBe(504);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      "notifications did not answer within 1000 ms",
    );
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(2_000);
  });
});

describe("cache", () => {
  test("public catalog queries are served from cache with ETag revalidation", async () => {
    const url = listUrl(3);
    const first = await fetch(url);
    expect(first.headers.get("x-cache")).toBe("MISS");
    const body = await first.text();
    const second = await fetch(url);
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(await second.text()).toBe(body);
    const etag = second.headers.get("etag")!;
    expect(etag).toBeTruthy();
    const revalidated = await fetch(url, { headers: { "if-none-match": etag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");

    const metrics = await fetch(`${platform.gateway.metricsUrl}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/gateway_cache_requests_total\{result="hit",service="gateway"\} [1-9]/);
    expect(metrics).toMatch(/gateway_cache_requests_total\{result="miss",service="gateway"\} [1-9]/);
  });

  test("a product change (catalog.product.updated.v1 from the catalog's outbox) shows within a second", async () => {
    const url = listUrl(3);
    const page = superjson.deserialize<{ items: { id: string; title: string }[] }>(
      ((await fetch(url).then((r) => r.json())) as { result: { data: never } }).result.data,
    );
    expect((await fetch(url)).headers.get("x-cache")).toBe("HIT");
    const first = page.items[0]!;
    const renamed = `${first.title} (renamed ${Date.now()})`;

    await admin.catalog.admin.products.update.mutate({ id: first.id, title: renamed });
    const changed = performance.now();
    await waitFor(
      async () => (await fetch(url).then((r) => r.text())).includes(renamed),
      1_000,
      "the renamed product through the gateway",
    );
    expect(performance.now() - changed).toBeLessThan(1_000);
  });

  test("a category rename (catalog.category.changed.v1) purges the cached tree", async () => {
    const url = `${gw}/trpc/catalog.categories.tree`;
    await fetch(url);
    expect((await fetch(url)).headers.get("x-cache")).toBe("HIT");
    const made = await admin.catalog.admin.categories.create.mutate({ name: `Purge Shelf ${Date.now()}` });
    const renamed = `Purge Rack ${Date.now()}`;
    await admin.catalog.admin.categories.rename.mutate({ id: made.id, name: renamed });
    await waitFor(
      async () => (await fetch(url).then((r) => r.text())).includes(renamed),
      2_000,
      "the renamed category through the gateway",
    );
  });

  test("inventory.stock.changed.v1 on NATS purges the cached pages", async () => {
    const url = listUrl(4);
    await fetch(url);
    expect((await fetch(url)).headers.get("x-cache")).toBe("HIT");
    await platform.catalog.deps.bus.publish(StockChanged, { sku: "NO-SUCH-SKU", onHand: 1, reserved: 0, available: 1 });
    await waitFor(
      async () => (await fetch(url)).headers.get("x-cache") === "MISS",
      1_000,
      "a cache miss after the event",
    );
  });

  test("a request with Authorization is never answered from, nor stored into, the shared cache", async () => {
    const slug = `secret-draft-${Date.now()}`;
    await admin.catalog.admin.products.create.mutate({
      title: "Secret draft",
      slug,
      status: "draft",
      variants: [{ sku: `DRAFT-${Date.now()}`, price: 999, options: { size: "M" } }],
    });
    const bySlug = `${gw}/trpc/catalog.products.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug } }))}`;
    const adminToken = await platform.issuer.sign({ sub: "admin-1", email: "admin@example.com", role: "admin" });
    const asAdmin = await fetch(bySlug, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.headers.get("x-cache")).toBe("BYPASS");
    expect(await asAdmin.text()).toContain("Secret draft");
    // The anonymous shopper asks the same URL: the draft must not leak from a cache.
    const anonymous = await fetch(bySlug);
    expect(anonymous.status).toBe(404);
    expect(anonymous.headers.get("x-cache")).toBe("MISS");

    const url = listUrl(2);
    await fetch(url);
    expect((await fetch(url)).headers.get("x-cache")).toBe("HIT");
    const customer = await platform.issuer.sign({ sub: "user-1", email: "u1@example.com" });
    const personal = await fetch(url, { headers: { authorization: `Bearer ${customer}` } });
    expect(personal.headers.get("x-cache")).toBe("BYPASS");
    const withCookie = await fetch(url, { headers: { cookie: "session=abc" } });
    expect(withCookie.headers.get("x-cache")).toBe("BYPASS");
  });
});

/** A JWT-shaped token with a subject nobody signed. */
function fakeJwt(sub: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "none" })}.${part({ sub })}.sig`;
}

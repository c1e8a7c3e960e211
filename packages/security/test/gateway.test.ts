import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MAX_BATCH_SIZE, SERVICE_NAMES, type ServiceName } from "@mercato/registry";
import {
  freePort,
  type RunningServer,
  type ServiceProcess,
  startPlatform,
  startRedis,
  type TestPlatform,
  testServiceSigner,
} from "@mercato/testing";
import { createTRPCUntypedClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { signShopperAddress } from "../../../apps/web/lib/client-address.ts";

/**
 * Attacks on the public origin: everything goes through a real gateway (a process) in front of
 * real services, the way an outsider reaches the shop.
 */
let platform: TestPlatform<ServiceName, ServiceName>;
let gateway: ServiceProcess;
const WEB_TIER_SECRET = "web-tier-secret-for-the-security-suite";
const SENSITIVE = 3;

beforeAll(async () => {
  platform = await startPlatform({
    // Every service: the gateway is ready once the whole platform is.
    inProcess: SERVICE_NAMES,
    testIssuer: true,
    seedDemo: ["catalog"],
    gateway: true,
    env: {
      identity: { TRUST_PROXY: "true" },
      gateway: {
        RATE_LIMIT_SENSITIVE: String(SENSITIVE),
        WEB_TIER_SECRET,
        LOG_LEVEL: "silent",
      },
    },
  });
  if (!platform.gateway) throw new Error("the gateway did not start");
  gateway = platform.gateway;
}, 120_000);

afterAll(async () => {
  await platform?.dispose();
});

const listInput = (i: number) => ({ json: { limit: 1 + (i % 5) } });

/** A raw batched GET of `n` calls of one procedure, as httpBatchLink would send it. */
function batchGet(base: string, procedure: string, n: number, input: (i: number) => unknown = listInput) {
  const paths = Array.from({ length: n }, () => procedure).join(",");
  const inputs = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, input(i)]));
  return fetch(`${base}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`);
}

/** A batching tRPC client (the one the storefront uses is the same link) through `base`. */
function batchingClient(base: string, headers: Record<string, string> = {}) {
  return createTRPCUntypedClient({
    links: [httpBatchLink({ url: `${base}/trpc`, transformer: superjson, headers: () => headers, maxItems: 50 })],
  });
}

const codeOf = (err: unknown) =>
  err instanceof TRPCClientError ? (err.data as { code?: string })?.code : "not a tRPC error";

const address = { street: "1 Main St", city: "Springfield", postalCode: "12345", country: "US", name: "Guest" };
const checkoutInput = (i: number, cartToken?: string) => ({
  email: `guest${i}@example.com`,
  shippingAddress: address,
  idempotencyKey: `attack-${crypto.randomUUID()}`,
  ...(cartToken ? { cartToken } : {}),
});

describe("the gateway sees a request as the service will", () => {
  test("a 50-call batch is refused before it reaches a service, and the service refuses one over the cap too", async () => {
    const res = await batchGet(gateway.url, "catalog.products.list", 50);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { json: { data: { field: string; httpStatus: number } } } };
    expect(body.error.json.data).toMatchObject({ field: "path", httpStatus: 400 });
    // Straight to the catalog (a neighbour inside the network): tRPC's maxBatchSize holds there too.
    const direct = await batchGet(platform.urls.catalog, "catalog.products.list", MAX_BATCH_SIZE + 1);
    expect(direct.status).toBe(400);
    // The cap itself is served.
    expect((await batchGet(gateway.url, "catalog.products.list", MAX_BATCH_SIZE)).status).toBe(200);
  });

  test("orders.internal.* is refused at the gateway, even with a service credential", async () => {
    const token = await testServiceSigner("payments")("orders");
    for (const path of ["orders.internal.books", "orders.internal.books/", "orders.get,orders.internal.books"]) {
      const res = await fetch(`${gateway.url}/trpc/${path}?batch=1&input={}`, {
        headers: { "x-service-token": token },
      });
      expect(res.status).toBe(404);
    }
  });

  test("a batch is charged per call: the checkouts within the limit run, the rest are 429 at their positions", async () => {
    const client = batchingClient(gateway.url, { "x-mercato-test": "per-call" });
    // Five guest checkouts of one shopper (no cart token: the address is the key), in one request.
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => client.mutation("orders.checkout", checkoutInput(i))),
    );
    const codes = results.map((r) => (r.status === "fulfilled" ? "OK" : codeOf(r.reason)));
    // The first calls reached orders and got its own answer (the same for each: no such cart).
    const served = codes.slice(0, SENSITIVE);
    expect(served[0]).not.toBe("TOO_MANY_REQUESTS");
    expect(served[0]).not.toBe("not a tRPC error");
    expect(served).toEqual(Array.from({ length: SENSITIVE }, () => served[0]));
    expect(codes.slice(SENSITIVE)).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
    // The typed link understood every entry: each is a proper tRPC answer, none a transport error.
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(TRPCClientError);

    // Listings batched together pay per call too: the per-IP bucket counts each one.
    const listings = await batchGet(gateway.url, "catalog.products.list", MAX_BATCH_SIZE);
    expect(listings.status).toBe(200);
  });

  test("shoppers behind one shared address each check out with their own cart", async () => {
    const client = batchingClient(gateway.url);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        client.mutation("orders.checkout", checkoutInput(i, `cart-of-shopper-${i}-${Date.now()}`)),
      ),
    );
    const codes = results.map((r) => (r.status === "fulfilled" ? "OK" : codeOf(r.reason)));
    expect(codes).not.toContain("TOO_MANY_REQUESTS");
  });

  test("an invalid bearer on a public procedure is a 401, not a guest call", async () => {
    const url = `${gateway.url}/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 2 } }))}`;
    expect((await fetch(url)).status).toBe(200);
    const forged = (claims: object) =>
      `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`;
    for (const token of [
      `${forged({ sub: "admin-1", role: "admin" })}x`,
      "not-a-token",
      `${forged({ sub: "u" }).slice(0, -1)}.c2ln`,
    ]) {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
    }
    // A token the platform's issuer really signed goes through.
    const real = await platform.issuer!.sign({ sub: "customer-z", email: "z@example.com" });
    expect((await fetch(url, { headers: { authorization: `Bearer ${real}` } })).status).toBe(200);
  });

  test("a made-up X-Forwarded-For cannot lock sign-in for the address it names", async () => {
    // Behind one trusted proxy (an ingress appends the real peer): the attacker writes the victim's
    // address first, the ingress appends the attacker's own.
    const behindIngress = await platform.startGateway({
      name: "gateway-ingress",
      env: { TRUSTED_PROXY_HOPS: "1" },
    });
    const victim = "203.0.113.50";
    const signIn = (base: string, headers: Record<string, string>) =>
      fetch(`${base}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ email: "victim@example.com", password: "wrong-password-123" }),
      }).then((r) => r.status);
    const attacker: number[] = [];
    for (let i = 0; i < SENSITIVE + 2; i++) {
      attacker.push(await signIn(behindIngress.url, { "x-forwarded-for": `${victim}, 198.51.100.66` }));
    }
    expect(attacker.at(-1)).toBe(429);
    // The victim, arriving through the same ingress, can still sign in.
    expect(await signIn(behindIngress.url, { "x-forwarded-for": victim })).not.toBe(429);

    // Straight at the public gateway (no proxy trusted) the header names nobody at all.
    const direct: number[] = [];
    for (let i = 0; i < SENSITIVE + 2; i++) direct.push(await signIn(gateway.url, { "x-forwarded-for": "192.0.2.77" }));
    expect(direct.at(-1)).toBe(429);
    // The storefront's server vouches for a shopper with its signature: that shopper is not locked
    // out by what the attacker did from the storefront's own address.
    const shopper = "192.0.2.77";
    const signed = {
      "x-mercato-client-ip": shopper,
      "x-mercato-client-sig": signShopperAddress(WEB_TIER_SECRET, shopper),
    };
    expect(await signIn(gateway.url, signed)).not.toBe(429);
    // A forged signature is no vouching: the request counts for the peer, whose bucket is spent.
    const forgedSig = {
      ...signed,
      "x-mercato-client-sig": signShopperAddress("not-the-web-tier-secret-at-all!!", shopper),
    };
    expect(await signIn(gateway.url, forgedSig)).toBe(429);
  });

  test("sensitive limits hold with Redis stopped (fail closed), while browsing still works", async () => {
    const own: RunningServer = await startRedis();
    try {
      const blind = await platform.startGateway({
        name: "gateway-blind",
        env: { REDIS_URL: own.url, METRICS_PORT: "0" },
      });
      await own.stop();
      const client = batchingClient(blind.url);
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < SENSITIVE + 2; i++) {
        codes.push(await client.mutation("orders.checkout", checkoutInput(i)).then(() => "OK", codeOf));
      }
      expect(codes.slice(0, SENSITIVE)).not.toContain("TOO_MANY_REQUESTS");
      expect(codes.slice(SENSITIVE)).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
      // The broad limits fail open: the shop stays browsable without Redis.
      expect((await batchGet(blind.url, "catalog.products.list", 3)).status).toBe(200);
    } finally {
      await own.dispose();
    }
  });

  test("/metrics is not on the public port, only on the internal one", async () => {
    expect((await fetch(`${gateway.url}/metrics`)).status).toBe(404);
    // A gateway with its internal port: a free port is only free until someone takes it (other
    // suites run beside this one), so one more try with another.
    let metricsPort = 0;
    let withMetrics: ServiceProcess | undefined;
    for (let attempt = 0; attempt < 3 && !withMetrics; attempt++) {
      metricsPort = await freePort();
      withMetrics = await platform
        .startGateway({ name: `gateway-metrics-${attempt}`, env: { METRICS_PORT: String(metricsPort) } })
        .catch(() => undefined);
    }
    if (!withMetrics) throw new Error("no gateway with a metrics port started");
    expect((await fetch(`${withMetrics.url}/metrics`)).status).toBe(404);
    const internal = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(internal.status).toBe(200);
    expect(await internal.text()).toContain("gateway_requests_total");
    // /health answers from a one-second cache: a flood of probes does not fan out to every service.
    const [a, b] = await Promise.all([fetch(`${gateway.url}/health`), fetch(`${gateway.url}/health`)]);
    expect(a.headers.get("cache-control")).toBe("max-age=1");
    expect(await a.text()).toBe(await b.text());
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { catalogService } from "@mercato/catalog/service";
import { type RunningGateway, startGateway } from "@mercato/gateway";
import { identityService } from "@mercato/identity/service";
import { SERVICES, serviceEntry } from "@mercato/registry";
import {
  freePort,
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  type TestIssuer,
} from "@mercato/testing";
import { QueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import {
  AuthError,
  createAuthSession,
  createMercatoClient,
  guestTokenHeaders,
  type RouterOutputs,
} from "../src/index.ts";
import { createMercatoOptions } from "../src/react.tsx";
import { createServerClient } from "../src/server.ts";

let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
let gateway: RunningGateway;
const disposers: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  const [identityPort, gatewayPort, nobodyPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  // Every service verifies identity's own JWTs, as in production.
  const jwks = `http://127.0.0.1:${identityPort}/api/auth/jwks`;
  const base = { nats, redis, issuer };
  const identity = await startTestService(identityService, {
    service: "identity",
    ...base,
    env: {
      PORT: String(identityPort),
      JWKS_URL: jwks,
      BETTER_AUTH_URL: gatewayUrl,
      GATEWAY_URL: gatewayUrl,
      TRUST_PROXY: "true",
    },
  });
  disposers.push(identity.dispose);
  const catalog = await startTestService(catalogService, {
    service: "catalog",
    ...base,
    env: { JWKS_URL: jwks, SEED_DEMO: "true" },
  });
  disposers.push(catalog.dispose);
  const nobody = `http://127.0.0.1:${nobodyPort}`;
  gateway = await startGateway({
    PORT: String(gatewayPort),
    NATS_URL: nats.url,
    REDIS_URL: redis.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    SHUTDOWN_TIMEOUT_MS: "1000",
    // Nothing listens there: every service but identity and catalog is "down" for this test.
    ...Object.fromEntries(SERVICES.map((s) => [s.urlEnv, nobody])),
    [serviceEntry("identity").urlEnv]: identity.url,
    [serviceEntry("catalog").urlEnv]: catalog.url,
  });
  disposers.push(gateway.stop);
}, 30_000);

afterAll(async () => {
  for (const dispose of disposers.reverse()) await dispose();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

/** A fetch that records the URL of every request it makes. */
function countingFetch() {
  const urls: string[] = [];
  const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return fetch(input, init);
  }) as typeof fetch;
  return { urls, fetch: fetchImpl };
}

describe("createMercatoClient through the gateway", () => {
  test("queries of one service in the same tick travel in one batch", async () => {
    const counted = countingFetch();
    const client = createMercatoClient({ baseUrl: gateway.url, fetch: counted.fetch });
    const [page, tree] = await Promise.all([
      client.catalog.products.list.query({ limit: 2 }),
      client.catalog.categories.tree.query(),
    ]);
    expect(page.items).toHaveLength(2);
    expect(tree.length).toBeGreaterThan(0);
    expect(counted.urls).toHaveLength(1);
    expect(counted.urls[0]).toContain("/trpc/catalog.products.list,catalog.categories.tree?batch=1");
  });

  test("a service that is down is a TRPCClientError naming it, while the others answer", async () => {
    const client = createMercatoClient({ baseUrl: gateway.url });
    const err = await client.orders.mine.query({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    const e = err as TRPCClientError<AnyRouter>;
    expect(e.message).toBe("orders is unavailable");
    expect(e.data?.code).toBe("SERVICE_UNAVAILABLE");
    expect((await client.catalog.products.list.query({ limit: 1 })).items).toHaveLength(1);
  });

  test("bad input comes back as BAD_REQUEST naming the field", async () => {
    const client = createMercatoClient({ baseUrl: gateway.url });
    const err = await client.catalog.products.list.query({ limit: 1000 }).catch((e: unknown) => e);
    expect((err as TRPCClientError<AnyRouter>).data?.code).toBe("BAD_REQUEST");
    expect((err as Error).message).toContain("limit");
  });
});

describe("auth session with the real identity service", () => {
  test("signs up, gets a JWT, and the services know the user from it", async () => {
    const email = `ada-${Date.now()}@example.com`;
    const session = createAuthSession({ baseUrl: gateway.url });
    expect(await session.getToken()).toBeNull();
    const user = await session.signUp({ email, password: "correct horse battery", name: "Ada" });
    expect(user.email).toBe(email);
    expect(session.sessionToken).toBeTruthy();
    const token = await session.getToken();
    expect(token?.split(".")).toHaveLength(3);
    // A second call inside the JWT's lifetime reuses it.
    expect(await session.getToken()).toBe(token);

    const client = createMercatoClient({ baseUrl: gateway.url, getToken: session.getToken });
    const me = await client.identity.me.query();
    expect(me).toMatchObject({ email });

    const again = createAuthSession({ baseUrl: gateway.url });
    await again.signIn({ email, password: "correct horse battery" });
    expect(await again.getToken()).toBeTruthy();

    const wrong = await createAuthSession({ baseUrl: gateway.url })
      .signIn({ email, password: "wrong password!" })
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AuthError);
    expect((wrong as AuthError).status).toBe(401);

    const anonymous = await createMercatoClient({ baseUrl: gateway.url })
      .identity.me.query()
      .catch((e: unknown) => e);
    expect((anonymous as TRPCClientError<AnyRouter>).data?.code).toBe("UNAUTHORIZED");
  });
});

describe("auth session token refresh", () => {
  test("a JWT close to expiry is refreshed once, shared by concurrent callers", async () => {
    let tokenCalls = 0;
    const fake = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      async fetch(req) {
        const path = new URL(req.url).pathname;
        if (path === "/api/auth/sign-in/email") {
          return Response.json(
            { user: { id: "u1", email: "u1@example.com" } },
            { headers: { "set-auth-token": "s1" } },
          );
        }
        if (path === "/api/auth/token" && req.headers.get("authorization") === "Bearer s1") {
          tokenCalls++;
          // Each token lives 5 s (exp in whole seconds, so 4-5 s from now); refreshed with 3.5 s left.
          return Response.json({ token: await issuer.sign({ sub: "u1", email: "u1@example.com" }, "5s") });
        }
        return Response.json({ message: "no" }, { status: 401 });
      },
    });
    try {
      const session = createAuthSession({ baseUrl: `http://127.0.0.1:${fake.port}`, refreshBeforeMs: 3_500 });
      await session.signIn({ email: "u1@example.com", password: "pw" });
      expect(tokenCalls).toBe(1);
      await session.getToken();
      expect(tokenCalls).toBe(1);
      await Bun.sleep(1_600);
      await Promise.all([session.getToken(), session.getToken(), session.getToken()]);
      expect(tokenCalls).toBe(2);
      await session.signOut();
      expect(await session.getToken()).toBeNull();
    } finally {
      fake.stop(true);
    }
  });
});

describe("server client and TanStack Query options", () => {
  test("createServerClient calls with the caller's token", async () => {
    const email = `srv-${Date.now()}@example.com`;
    const session = createAuthSession({ baseUrl: gateway.url });
    await session.signUp({ email, password: "correct horse battery", name: "Srv" });
    const server = createServerClient({ baseUrl: gateway.url, token: await session.getToken() });
    expect(await server.identity.me.query()).toMatchObject({ email });
    const anonymous = createServerClient({ baseUrl: gateway.url });
    expect((await anonymous.catalog.products.list.query({ limit: 1 })).items).toHaveLength(1);
  });

  test("query options fetch through the gateway into a QueryClient under the procedure's key", async () => {
    const queryClient = new QueryClient();
    const options = createMercatoOptions(createMercatoClient({ baseUrl: gateway.url }), queryClient);
    const opts = options.catalog.products.list.queryOptions({ limit: 3 });
    const page: RouterOutputs["catalog"]["products"]["list"] = await queryClient.fetchQuery(opts);
    expect(page.items).toHaveLength(3);
    expect(opts.queryKey[0]).toEqual(["catalog", "products", "list"]);
    expect(queryClient.getQueryData(opts.queryKey)?.items).toHaveLength(3);
    queryClient.clear();
  });
});

describe("guest tokens for non-browser callers", () => {
  test("cartToken and orderTokens become the x-cart-token / x-order-token headers on every call", async () => {
    const seen: Headers[] = [];
    const recording = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Headers(init?.headers));
      return Response.json([{ result: { data: { json: { lines: [] } } } }]);
    }) as typeof fetch;
    const client = createMercatoClient({
      baseUrl: "http://gateway.test",
      fetch: recording,
      cartToken: () => "cart-token-1",
      orderTokens: () => ({ "order-1": "tok-1", "order-2": "tok-2" }),
    });
    await client.cart.get.query({});
    expect(seen[0]?.get("x-cart-token")).toBe("cart-token-1");
    expect(seen[0]?.get("x-order-token")).toBe("order-1=tok-1,order-2=tok-2");
    expect(guestTokenHeaders({})).toEqual({});
  });
});

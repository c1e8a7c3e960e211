import type { CartRouter } from "@mercato/cart";
import type { CatalogRouter } from "@mercato/catalog";
import { type AuthSession, createAuthSession } from "@mercato/client";
import type { InventoryRouter } from "@mercato/inventory";
import { createServiceSigner, SERVICE_TOKEN_HEADER } from "@mercato/kit";
import type { PaymentsRouter } from "@mercato/payments";
import {
  freePort,
  type ServiceProcess,
  spawnService,
  startNats,
  startRedis,
  TEST_SERVICE_SECRET,
  tempDir,
} from "@mercato/testing";
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, TRPCClientError } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { EventSource } from "eventsource";
import superjson from "superjson";
import type { OrdersRouter } from "../src/index.ts";
import { ordersService } from "../src/service.ts";

const PEERS = ["identity", "catalog", "inventory", "cart", "payments"] as const;
type Peer = (typeof PEERS)[number];

/** The admin identity seeds with SEED_DEMO=true (apps/identity/src/demo.ts). */
export const DEMO_ADMIN = { email: "admin@mercato.dev", password: "mercato-admin-1" } as const;
/** Identity's better-auth secret for tests (at least 32 characters). */
const TEST_AUTH_SECRET = "mercato-orders-e2e-better-auth-secret-0123456789";

/** A user's JWT, or where to get a fresh one (an auth session's `getToken`). */
export type TokenSource = string | (() => Promise<string | null>);

export const ADDRESS = {
  name: "Ada Lovelace",
  line1: "1 Test Street",
  city: "Berlin",
  postalCode: "10115",
  country: "DE",
};

/** A typed client as a user (token), a service (signed credential) or anonymous, with SSE for subscriptions. */
export function clientFor<R extends AnyRouter>(url: string, auth: { token?: TokenSource; service?: boolean } = {}) {
  const sign = createServiceSigner(TEST_SERVICE_SECRET, "test");
  const headers = async (): Promise<Record<string, string>> => {
    const token = typeof auth.token === "function" ? await auth.token() : auth.token;
    return {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(auth.service ? { [SERVICE_TOKEN_HEADER]: await sign() } : {}),
    };
  };
  const links = [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({
        url: `${url}/trpc`,
        transformer: superjson,
        EventSource,
        eventSourceOptions: async () => {
          const h = await headers();
          return {
            fetch: (input: string | URL | Request, init?: RequestInit) =>
              fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...h } }),
          };
        },
      }),
      false: httpLink({ url: `${url}/trpc`, transformer: superjson, headers }),
    }),
  ];
  // The links are built for any router; narrowed once to this one.
  return createTRPCClient<R>({ links: links as never });
}

export type OrdersClient = ReturnType<typeof clientFor<OrdersRouter>>;

/** The tRPC error a call failed with (fails the test if it succeeded). */
export async function failure(call: Promise<unknown>): Promise<TRPCClientError<AnyRouter>> {
  const outcome = await call.then(
    () => new Error("expected the call to fail"),
    (e: unknown) => e,
  );
  if (!(outcome instanceof TRPCClientError)) throw outcome;
  return outcome;
}

/** Polls until `check` returns a value, failing after `timeoutMs` with what it last saw. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await Bun.sleep(50);
  }
}

export interface PlatformOptions {
  /** Run orders in this process (tests can reach its database) instead of as its own process. */
  ordersInProcess?: boolean;
  env?: Partial<Record<Peer | "orders", Record<string, string>>>;
}

/**
 * The checkout saga's services on private NATS and Redis: identity (real better-auth, issuing the
 * JWTs every service verifies against its JWKS), catalog, inventory, cart and payments (test
 * provider) as separate processes with the demo seed, and orders either in this process or as its
 * own process too. The admin is identity's seeded demo admin, signed in for real.
 */
export async function startPlatform(opts: PlatformOptions = {}) {
  const [nats, redis] = await Promise.all([startNats(), startRedis()]);
  const names = [...PEERS, "orders"] as const;
  type Name = (typeof names)[number];
  const ports = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()]))) as Record<
    Name,
    number
  >;
  const urls = Object.fromEntries(names.map((n) => [n, `http://127.0.0.1:${ports[n]}`])) as Record<Name, string>;
  const shared = {
    IDENTITY_URL: urls.identity,
    CATALOG_URL: urls.catalog,
    INVENTORY_URL: urls.inventory,
    CART_URL: urls.cart,
    PAYMENTS_URL: urls.payments,
    ORDERS_URL: urls.orders,
    // Every service, identity included, verifies user JWTs against identity's keys.
    JWKS_URL: `${urls.identity}/api/auth/jwks`,
    JWT_ISSUER: "mercato",
    JWT_AUDIENCE: "mercato",
    SERVICE_SECRET: TEST_SERVICE_SECRET,
    NATS_URL: nats.url,
    REDIS_URL: redis.url,
    NODE_ENV: "test",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    SEED_DEMO: "true",
  };
  const own: Partial<Record<Name, Record<string, string>>> = {
    identity: { BETTER_AUTH_SECRET: TEST_AUTH_SECRET, BETTER_AUTH_URL: urls.identity },
  };
  const disposers: (() => void)[] = [];
  const envOf = (service: Name): Record<string, string> => {
    const dir = tempDir(`mercato-${service}-`);
    disposers.push(dir.dispose);
    return {
      ...shared,
      DATABASE_URL: `file:${dir.path}/${service}.db`,
      PORT: String(ports[service]),
      ...own[service],
      ...opts.env?.[service],
    };
  };

  const processes = {} as Record<Peer | "orders", ServiceProcess>;
  const spawnAll = async (list: readonly Name[]) => {
    await Promise.all(
      list.map(async (name) => {
        processes[name] = await spawnService(name, envOf(name), 45_000);
      }),
    );
  };
  let orders: Awaited<ReturnType<typeof ordersService.run>> | undefined;
  const adminSession = createAuthSession({ baseUrl: urls.identity });
  try {
    await spawnAll(opts.ordersInProcess ? PEERS : [...PEERS, "orders"]);
    if (opts.ordersInProcess) orders = await ordersService.run(envOf("orders"));
    await adminSession.signIn(DEMO_ADMIN);
  } catch (err) {
    await orders?.stop();
    await Promise.all(Object.values(processes).map((p) => p.kill("SIGKILL")));
    await Promise.all([nats.dispose(), redis.dispose()]);
    for (const d of disposers) d();
    throw err;
  }

  const adminToken = await adminSession.getToken();
  if (!adminToken) throw new Error("identity gave the admin no token");
  const admin = adminSession.getToken;
  const platform = {
    nats,
    redis,
    urls,
    processes,
    orders,
    /** The seeded admin's session at identity, and a JWT from it (valid 15 minutes). */
    adminSession,
    adminToken,
    /** A new customer signed up at identity (unique email unless given), with a live session. */
    async signUp(email = `shopper-${crypto.randomUUID()}@example.com`): Promise<AuthSession & { email: string }> {
      const session = createAuthSession({ baseUrl: urls.identity });
      await session.signUp({ email, password: `pw-${crypto.randomUUID()}`, name: "E2E Shopper" });
      return Object.assign(session, { email });
    },
    shop: {
      orders: (token?: TokenSource) => clientFor<OrdersRouter>(urls.orders, { token }),
      cart: (token?: TokenSource) => clientFor<CartRouter>(urls.cart, { token }),
      catalog: clientFor<CatalogRouter>(urls.catalog),
      payments: clientFor<PaymentsRouter>(urls.payments),
      inventory: clientFor<InventoryRouter>(urls.inventory),
    },
    admin: {
      orders: clientFor<OrdersRouter>(urls.orders, { token: admin }),
      inventory: clientFor<InventoryRouter>(urls.inventory, { token: admin }),
    },
    internal: {
      orders: clientFor<OrdersRouter>(urls.orders, { service: true }),
      inventory: clientFor<InventoryRouter>(urls.inventory, { service: true }),
    },
    async dispose() {
      await orders?.stop();
      await Promise.all(Object.values(processes).map((p) => p.kill("SIGTERM")));
      await Promise.all([nats.dispose(), redis.dispose()]);
      for (const d of disposers) d();
    },
  };
  return platform;
}

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

/** Demo SKUs the catalog sells, once inventory holds stock rows for them. */
export async function sellableSkus(p: Platform, count: number): Promise<string[]> {
  const page = await p.shop.catalog.catalog.products.list.query({ limit: 48 });
  const skus = page.items.flatMap((item) => item.variants.map((v: { sku: string }) => v.sku));
  await eventually(async () => {
    const known = await p.shop.inventory.inventory.availability.query({ skus: skus.slice(0, 100) });
    return known.length >= Math.min(skus.length, 100) ? true : undefined;
  }, 30_000);
  return skus.slice(0, count);
}

/** Sets a SKU's available stock to exactly `quantity` (an inventory correction by the admin). */
export async function setStock(p: Platform, sku: string, quantity: number): Promise<void> {
  const [level] = await p.shop.inventory.inventory.availability.query({ skus: [sku] });
  const delta = quantity - (level?.available ?? 0);
  if (delta !== 0) {
    await p.admin.inventory.inventory.admin.adjust.mutate({
      sku,
      kind: "correct",
      quantity: delta,
      reason: "test setup",
    });
  }
}

export async function availableOf(p: Platform, sku: string): Promise<number> {
  const [level] = await p.shop.inventory.inventory.availability.query({ skus: [sku] });
  return level?.available ?? 0;
}

/** A guest cart holding `lines`; returns its token. */
export async function guestCart(p: Platform, lines: { sku: string; quantity: number }[]): Promise<string> {
  let token: string | undefined;
  for (const line of lines) {
    const res = await p.shop.cart().cart.addItem.mutate({ ...line, ...(token ? { cartToken: token } : {}) });
    token ??= res.cartToken ?? undefined;
  }
  if (!token) throw new Error("the cart gave no token");
  return token;
}

/**
 * Hands out demo SKUs no other test has touched, each set to the stock asked for, so tests in one
 * file never see each other's reservations.
 */
export async function freshSkus(p: Platform, count: number): Promise<(stock: number) => Promise<string>> {
  const skus = await sellableSkus(p, count);
  let next = 0;
  return async (stock) => {
    const sku = skus[next++];
    if (!sku) throw new Error("out of demo SKUs");
    await setStock(p, sku, stock);
    return sku;
  };
}

/** A guest cart holding `lines`, checked out with a new idempotency key. */
export async function guestCheckout(p: Platform, lines: { sku: string; quantity: number }[], email: string) {
  const cartToken = await guestCart(p, lines);
  const input = { cartToken, email, shippingAddress: ADDRESS, idempotencyKey: crypto.randomUUID() };
  return { input, placed: await p.shop.orders().orders.checkout.mutate(input) };
}

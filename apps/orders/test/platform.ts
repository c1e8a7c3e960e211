import { SERVICE_NAMES, type ServiceName } from "@mercato/registry";
import {
  availableOf as availableAt,
  clientFor,
  DEMO_ADMIN,
  eventually,
  failure,
  type InProcessService,
  type PlatformEnv,
  type ServiceProcess,
  setStock as setStockAt,
  startPlatform as startTestPlatform,
  type TestUser,
  type TokenSource,
} from "@mercato/testing";
import type { OrdersDeps } from "../src/deps.ts";
import type { OrdersRouter } from "../src/index.ts";

export { clientFor, DEMO_ADMIN, eventually, failure, type TokenSource };

export const ADDRESS = {
  name: "Ada Lovelace",
  line1: "1 Test Street",
  city: "Berlin",
  postalCode: "10115",
  country: "DE",
};

export type OrdersClient = ReturnType<typeof clientFor<OrdersRouter>>;

/** The checkout saga's services: every one but notifications. */
const SAGA = SERVICE_NAMES.filter((n): n is Exclude<ServiceName, "notifications"> => n !== "notifications");

export interface PlatformOptions {
  /** Run orders in this process (tests can reach its database) instead of as its own process. */
  ordersInProcess?: boolean;
  /** Run notifications too (its mailbox, as the admin: `admin.mailbox`). */
  withNotifications?: boolean;
  /**
   * Run notifications in this process (implies `withNotifications`): msw in the test then stands
   * in for Resend, so a test reads what was really emailed (a gift card's code).
   */
  notificationsInProcess?: boolean;
  env?: PlatformEnv;
  /** How long each service may take to be ready (the test platform's default otherwise). */
  readyTimeoutMs?: number;
  /** Instances of the services run as processes (one each by default; e.g. `{ orders: 2 }`). */
  replicas?: Partial<Record<ServiceName, number>>;
}

/**
 * The checkout saga's services on private NATS and Redis: identity (real better-auth, issuing the
 * JWTs every service verifies against its JWKS), catalog, inventory, cart and payments (test
 * provider) as separate processes with the demo seed, and orders either in this process or as its
 * own process too. The admin is identity's seeded demo admin, signed in for real.
 */
export async function startPlatform(opts: PlatformOptions = {}) {
  const platform = await startTestPlatform({
    services: opts.withNotifications || opts.notificationsInProcess ? SERVICE_NAMES : SAGA,
    inProcess: [
      ...(opts.ordersInProcess ? (["orders"] as const) : []),
      ...(opts.notificationsInProcess ? (["notifications"] as const) : []),
    ],
    seedDemo: true,
    env: opts.env,
    readyTimeoutMs: opts.readyTimeoutMs,
    replicas: opts.replicas,
  });
  let adminSession: TestUser;
  let adminToken: string | null;
  try {
    adminSession = await platform.signInDemoAdmin();
    adminToken = await adminSession.getToken();
    if (!adminToken) throw new Error("identity gave the admin no token");
  } catch (err) {
    await platform.dispose();
    throw err;
  }
  const admin = adminSession.getToken;
  return {
    nats: platform.nats,
    redis: platform.redis,
    urls: platform.urls,
    processes: platform.processes,
    /** Every instance of each service run as processes (orders too, unless `ordersInProcess`). */
    replicas: platform.replicas as Partial<Record<ServiceName, ServiceProcess[]>>,
    orders: opts.ordersInProcess ? (platform.inProcess.orders as InProcessService<OrdersDeps>) : undefined,
    /** The seeded admin's session at identity, and a JWT from it (valid 15 minutes). */
    adminSession,
    adminToken,
    /** A new customer signed up at identity (unique email unless given), with a live session. */
    signUp: (email?: string): Promise<TestUser> => platform.signUp({ email, name: "E2E Shopper" }),
    /** A user with a known password, to sign in again (a role change revokes the old tokens). */
    signUpWith: (email: string, password: string) => platform.signUp({ email, password, name: "E2E Seller" }),
    signIn: (email: string, password: string): Promise<TestUser> => platform.signIn({ email, password }),
    shop: {
      /** `headers`: a guest's `x-order-token` / `x-cart-token` (tokens never go in a URL). */
      orders: (token?: TokenSource, headers?: Record<string, string>) => platform.client("orders", { token, headers }),
      cart: (token?: TokenSource, headers?: Record<string, string>) => platform.client("cart", { token, headers }),
      catalog: platform.client("catalog"),
      payments: platform.client("payments"),
      inventory: platform.client("inventory"),
    },
    admin: {
      orders: platform.client("orders", { token: admin }),
      inventory: platform.client("inventory", { token: admin }),
      catalog: platform.client("catalog", { token: admin }),
      /** Customer groups (#27) and the rest of identity's admin. */
      identity: platform.client("identity", { token: admin }),
      /** Gift cards as staff (`giftcards.manage`): issue, adjust, read the ledger. */
      payments: platform.client("payments", { token: admin }),
      /** The sent emails (when started `withNotifications`). */
      mailbox: platform.client("notifications", { token: admin }),
    },
    internal: {
      /** As the audit tools (`ops`): the books. */
      orders: platform.client("orders", { service: true }),
      inventory: platform.client("inventory", { service: true }),
      /** As the audit tools: a payment by order (its currency, refunds). */
      payments: platform.client("payments", { service: true }),
      /** As notifications, the one caller of `orders.internal.contact`. */
      ordersAsNotifications: platform.client("orders", { service: "notifications" }),
    },
    dispose: () => platform.dispose(),
  };
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
export const setStock = (p: Platform, sku: string, quantity: number) =>
  setStockAt(p.admin.inventory.inventory, sku, quantity, "test setup");

export const availableOf = (p: Platform, sku: string) => availableAt(p.shop.inventory.inventory, sku);

/** A guest cart holding `lines` (in `regionId`, else the default region); returns its token. */
export async function guestCart(
  p: Platform,
  lines: { sku: string; quantity: number }[],
  regionId?: string,
): Promise<string> {
  let token: string | undefined;
  for (const line of lines) {
    const res = await p.shop.cart().cart.addItem.mutate({
      ...line,
      ...(token ? { cartToken: token } : regionId ? { regionId } : {}),
    });
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

/** The input of a checkout shipping to ADDRESS, with a new idempotency key (a guest's: with its cart token). */
export function checkoutInput(email: string, cartToken?: string) {
  return { ...(cartToken ? { cartToken } : {}), email, shippingAddress: ADDRESS, idempotencyKey: crypto.randomUUID() };
}

/** A guest cart holding `lines`, checked out with a new idempotency key. */
export async function guestCheckout(p: Platform, lines: { sku: string; quantity: number }[], email: string) {
  const input = checkoutInput(email, await guestCart(p, lines));
  return { input, placed: await p.shop.orders().orders.checkout.mutate(input) };
}

/** The same guest checkout sent `times` at once (one idempotency key); every answer. */
export function checkoutAtOnce(p: Platform, input: ReturnType<typeof checkoutInput>, times: number) {
  return Promise.all(Array.from({ length: times }, () => p.shop.orders().orders.checkout.mutate(input)));
}

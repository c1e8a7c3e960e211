import type { Database } from "@mercato/db";
import {
  freePort,
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  TEST_SERVICE_SECRET,
  type TestIssuer,
} from "@mercato/testing";
import type { AnyRouter } from "@trpc/server";
import { cartService } from "../../../apps/cart/src/service.ts";
import { catalogService } from "../../../apps/catalog/src/service.ts";
import { DEMO_USERS } from "../../../apps/identity/src/demo.ts";
import { identityService } from "../../../apps/identity/src/service.ts";
import { inventoryService } from "../../../apps/inventory/src/service.ts";
import { notificationsService } from "../../../apps/notifications/src/service.ts";
import { ordersService } from "../../../apps/orders/src/service.ts";
import { paymentsService } from "../../../apps/payments/src/service.ts";

/** A service database's libSQL connection. */
type Client = Database["client"];

export const SERVICE_NAMES = [
  "identity",
  "catalog",
  "inventory",
  "cart",
  "orders",
  "payments",
  "notifications",
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Known so the leak check can look for it in every response body. */
export const BETTER_AUTH_SECRET = "security-suite-better-auth-secret-0123456789";

/** What the suites need of a running service, whatever its own dependency type. */
export interface ServiceUnderTest {
  name: ServiceName;
  url: string;
  router: AnyRouter;
  /** The service's own libSQL connection: row counts before and after calls. */
  db: Client;
  dispose(): Promise<void>;
}

/** Bearer tokens for one service: identity's own for identity, the test issuer's for the rest. */
export interface Tokens {
  customer: string;
  /** A second customer, for "may B see A's things" checks. */
  otherCustomer: string;
  admin: string;
  customerId: string;
  otherCustomerId: string;
}

interface Runnable {
  def: { router: AnyRouter };
  run(env: Record<string, string | undefined>): Promise<{
    url: string;
    stop(): Promise<void>;
    deps: { db: { client: Client } };
  }>;
}

const SERVICES: Record<ServiceName, Runnable> = {
  identity: identityService,
  catalog: catalogService,
  inventory: inventoryService,
  cart: cartService,
  orders: ordersService,
  payments: paymentsService,
  notifications: notificationsService,
};

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

/**
 * Every service with a tRPC router, in this process, on shared private NATS and Redis, each with
 * its own temp database and pointed at the others. Identity verifies its own tokens (better-auth's
 * JWKS, as in production); the others trust the test issuer.
 */
export async function startPlatform(opts: { seedShop?: boolean } = {}) {
  const [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  const ports = Object.fromEntries(
    await Promise.all(SERVICE_NAMES.map(async (n) => [n, await freePort()] as const)),
  ) as Record<ServiceName, number>;
  const urlOf = (n: ServiceName) => `http://127.0.0.1:${ports[n]}`;
  const seedShop = opts.seedShop ? "true" : "false";
  const extraEnv: Record<ServiceName, Record<string, string>> = {
    identity: {
      JWKS_URL: `${urlOf("identity")}/api/auth/jwks`,
      BETTER_AUTH_URL: urlOf("identity"),
      BETTER_AUTH_SECRET,
      // The demo admin gives identity's admin procedures a real admin token.
      SEED_DEMO: "true",
      TRUST_PROXY: "true",
    },
    catalog: { SEED_DEMO: seedShop },
    inventory: { SEED_DEMO: seedShop },
    cart: {},
    orders: {},
    payments: {},
    notifications: {},
  };
  const shared = {
    IDENTITY_URL: urlOf("identity"),
    CATALOG_URL: urlOf("catalog"),
    INVENTORY_URL: urlOf("inventory"),
    CART_URL: urlOf("cart"),
    ORDERS_URL: urlOf("orders"),
    PAYMENTS_URL: urlOf("payments"),
    NOTIFICATIONS_URL: urlOf("notifications"),
  };

  const started: ServiceUnderTest[] = [];
  const stopAll = async () => {
    await Promise.all(started.map((s) => s.dispose()));
    issuer.stop();
    await Promise.all([nats.dispose(), redis.dispose()]);
  };
  try {
    for (const name of SERVICE_NAMES) {
      const running = await startTestService(SERVICES[name], {
        service: name,
        nats,
        redis,
        issuer,
        env: { ...shared, PORT: String(ports[name]), ...extraEnv[name] },
      });
      started.push({
        name,
        url: running.url,
        router: SERVICES[name].def.router,
        db: running.deps.db.client,
        dispose: running.dispose,
      });
    }
  } catch (err) {
    await stopAll();
    throw err;
  }

  const services = Object.fromEntries(started.map((s) => [s.name, s])) as Record<ServiceName, ServiceUnderTest>;
  const issued = {
    customer: await issuer.sign({ sub: "customer-a", email: "a@example.com" }),
    otherCustomer: await issuer.sign({ sub: "customer-b", email: "b@example.com" }),
    admin: await issuer.sign({ sub: "admin-1", email: "admin@example.com", role: "admin" }),
    customerId: "customer-a",
    otherCustomerId: "customer-b",
  };
  const identityUsers = await identityTokens(services.identity.url);
  return {
    nats,
    redis,
    issuer,
    services,
    tokens: (name: ServiceName): Tokens => (name === "identity" ? identityUsers : issued),
    dispose: stopAll,
  };
}

let ipCounter = 0;
/** Identity rate-limits per client address; each call looks like a new one (TRUST_PROXY is on). */
function authHeaders(identityUrl: string): Record<string, string> {
  ipCounter += 1;
  return { "x-forwarded-for": `10.9.0.${ipCounter}`, origin: identityUrl, "content-type": "application/json" };
}

async function authPost(identityUrl: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${identityUrl}/api/auth${path}`, {
    method: "POST",
    headers: authHeaders(identityUrl),
    body: JSON.stringify(body),
  });
}

/** A short-lived JWT for a better-auth session, as the storefront gets it. */
async function jwtOf(identityUrl: string, res: Response): Promise<{ token: string; userId: string }> {
  if (res.status !== 200) throw new Error(`identity refused the session: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  const session = res.headers.get("set-auth-token");
  const tokenRes = await fetch(`${identityUrl}/api/auth/token`, {
    headers: { ...authHeaders(identityUrl), authorization: `Bearer ${session}` },
  });
  if (tokenRes.status !== 200) throw new Error(`identity gave no token: ${tokenRes.status}`);
  return { token: ((await tokenRes.json()) as { token: string }).token, userId: body.user.id };
}

async function identityTokens(identityUrl: string): Promise<Tokens> {
  const signUp = (tag: string) =>
    authPost(identityUrl, "/sign-up/email", {
      email: `${tag}-${Date.now().toString(36)}@example.com`,
      password: "correct-horse-battery-1",
      name: `Security ${tag}`,
    }).then((res) => jwtOf(identityUrl, res));
  const adminLogin = DEMO_USERS.find((u) => u.role === "admin");
  if (!adminLogin) throw new Error("identity's demo users have no admin");
  const [a, b, admin] = await Promise.all([
    signUp("customer-a"),
    signUp("customer-b"),
    authPost(identityUrl, "/sign-in/email", { email: adminLogin.email, password: adminLogin.password }).then((res) =>
      jwtOf(identityUrl, res),
    ),
  ]);
  return {
    customer: a.token,
    otherCustomer: b.token,
    admin: admin.token,
    customerId: a.userId,
    otherCustomerId: b.userId,
  };
}

/** Row count of every table of a service's database (virtual FTS tables and their shadows too). */
export async function rowCounts(db: Client): Promise<Record<string, number>> {
  const tables = await db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name");
  const counts: Record<string, number> = {};
  for (const row of tables.rows) {
    const name = String(row.name);
    const res = await db.execute(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`);
    counts[name] = Number(res.rows[0]?.n ?? 0);
  }
  return counts;
}

/**
 * Waits until start-up work has settled everywhere (demo seeds announced, events consumed, mail
 * written): no unsent outbox rows and the same row counts in every database twice in a row.
 */
export async function quiesce(services: ServiceUnderTest[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    const snapshot = await Promise.all(services.map(async (s) => [s.name, await rowCounts(s.db), await unsent(s.db)]));
    const pending = snapshot.reduce((n, [, , u]) => n + Number(u), 0);
    const now = JSON.stringify(snapshot);
    if (pending === 0 && now === last) return;
    if (Date.now() > deadline) throw new Error(`the platform did not settle within ${timeoutMs} ms: ${now}`);
    last = now;
    await Bun.sleep(400);
  }
}

async function unsent(db: Client): Promise<number> {
  const res = await db.execute("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL");
  return Number(res.rows[0]?.n ?? 0);
}

export type { RunningServer, TestIssuer };
export { TEST_SERVICE_SECRET };

import type { Database } from "@mercato/db";
import { SERVICE_NAMES, type ServiceName } from "@mercato/registry";
import {
  type RunningServer,
  startPlatform as startTestPlatform,
  TEST_AUTH_SECRET,
  TEST_SERVICE_KEYS,
  type TestIssuer,
  testServiceSigner,
  testSigningKey,
} from "@mercato/testing";
import type { AnyRouter } from "@trpc/server";

/** A service database's libSQL connection. */
type Client = Database["client"];

/** The services the suites walk: every one in the registry (each has a tRPC router). */
export { SERVICE_NAMES, type ServiceName };

/** Known so the leak check can look for it in every response body. */
export const BETTER_AUTH_SECRET = TEST_AUTH_SECRET;

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

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

/**
 * Every service with a tRPC router, in this process, on shared private NATS and Redis, each with
 * its own temp database and pointed at the others. Identity verifies its own tokens (better-auth's
 * JWKS, as in production); the others trust the test issuer.
 */
export async function startPlatform(opts: { seedShop?: boolean } = {}) {
  const platform = await startTestPlatform({
    inProcess: SERVICE_NAMES,
    testIssuer: true,
    // The demo admin gives identity's admin procedures a real admin token; the catalog's demo data
    // holds the regions carts are priced in (a cart cannot be priced without one).
    seedDemo: opts.seedShop ? ["identity", "catalog", "inventory"] : ["identity", "catalog"],
    env: { identity: { TRUST_PROXY: "true" } },
  });
  try {
    const { issuer } = platform;
    if (!issuer) throw new Error("the security platform signs tokens with a test issuer");
    const services = Object.fromEntries(
      SERVICE_NAMES.map((name) => {
        const running = platform.inProcess[name];
        if (!running) throw new Error(`${name} did not start`);
        const service: ServiceUnderTest = {
          name,
          url: running.url,
          router: running.router,
          db: running.deps.db.client,
          dispose: running.stop,
        };
        return [name, service];
      }),
    ) as Record<ServiceName, ServiceUnderTest>;
    const issued = {
      customer: await issuer.sign({ sub: "customer-a", email: "a@example.com" }),
      otherCustomer: await issuer.sign({ sub: "customer-b", email: "b@example.com" }),
      admin: await issuer.sign({ sub: "admin-1", email: "admin@example.com", role: "admin" }),
      customerId: "customer-a",
      otherCustomerId: "customer-b",
    };
    const identityUsers = await identityTokens(platform);
    return {
      nats: platform.nats,
      redis: platform.redis,
      issuer,
      services,
      tokens: (name: ServiceName): Tokens => (name === "identity" ? identityUsers : issued),
      dispose: () => platform.dispose(),
    };
  } catch (err) {
    await platform.dispose();
    throw err;
  }
}

let ipCounter = 0;
/** Identity rate-limits per client address; each user looks like a new one (TRUST_PROXY is on). */
function clientAddress(): { headers: Record<string, string> } {
  ipCounter += 1;
  return { headers: { "x-forwarded-for": `10.9.0.${ipCounter}` } };
}

async function identityTokens(platform: Awaited<ReturnType<typeof startTestPlatform>>): Promise<Tokens> {
  const [a, b, admin] = await Promise.all([
    platform.signUp({ ...clientAddress(), name: "Security customer-a" }),
    platform.signUp({ ...clientAddress(), name: "Security customer-b" }),
    platform.signInDemoAdmin(clientAddress()),
  ]);
  const tokenOf = async (session: typeof a) => {
    const token = await session.getToken();
    if (!token) throw new Error(`identity gave ${session.email} no token`);
    return token;
  };
  return {
    customer: await tokenOf(a),
    otherCustomer: await tokenOf(b),
    admin: await tokenOf(admin),
    customerId: a.user.id,
    otherCustomerId: b.user.id,
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
export { TEST_SERVICE_KEYS, testServiceSigner, testSigningKey };

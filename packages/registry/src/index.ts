/**
 * The one list of Mercato's processes. Everything that needs to know which services exist — the
 * event streams, the gateway's routing, the dev launcher, the test platform, the benchmarks, the
 * API catalog, the deployment check and the typed client's namespaces — derives it from here.
 * Adding a service means adding one entry below and its own folder under apps/, nothing else.
 *
 * Pure data and pure functions: no I/O, no dependencies, importable from the browser bundle.
 */

export interface ServiceEntry {
  /** Folder under apps/, package `@mercato/<name>`, tRPC namespace, event domain and stream. */
  readonly name: string;
  /** Default local port (shifted by `MERCATO_PORT_OFFSET` in the launcher and test platform). */
  readonly port: number;
  /** The variable other processes read this service's base URL from. */
  readonly urlEnv: string;
  /** Whether the gateway routes `/trpc/<name>.*` to it (internal procedures are refused anyway). */
  readonly publicApi: boolean;
  /** Non-tRPC HTTP paths the gateway sends to this service. */
  readonly httpRoutes: readonly HttpRoute[];
  /** Other services it calls over tRPC (their URLs are in its environment). */
  readonly calls: readonly string[];
  /** The event domains it consumes (its NATS user may subscribe to them and only them). */
  readonly consumes: readonly string[];
  /** Its live wake-up topics (`live.<topic>.>`, see LiveChannel): the only live subjects it may use. */
  readonly liveTopics: readonly string[];
  /**
   * Whether it replays the streams it consumes from the start (analytics' rebuild): its NATS user
   * may then read their messages by sequence (`STREAM.MSG.GET`), which it may read anyway.
   */
  readonly replays: boolean;
}

export interface HttpRoute {
  /** A path prefix (ends with `/`) or an exact path. */
  readonly path: string;
  /** Methods the route accepts; every method when absent. */
  readonly methods?: readonly string[];
  /** The largest request body the gateway lets through on this route; its global limit when absent. */
  readonly maxBodyBytes?: number;
}

/**
 * The largest product image a staff member may upload (#27), in bytes. The catalog refuses a file
 * over it; the gateway lets a multipart body of this plus its framing through on `/media/`.
 */
export const MEDIA_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** Room for the multipart framing and the small text fields around the file. */
const MULTIPART_FRAMING_BYTES = 64 * 1024;

function service<const N extends string>(
  name: N,
  port: number,
  opts: {
    httpRoutes?: readonly HttpRoute[];
    calls?: readonly string[];
    consumes?: readonly string[];
    liveTopics?: readonly string[];
    replays?: boolean;
  } = {},
): ServiceEntry & { readonly name: N; readonly urlEnv: `${Uppercase<N>}_URL` } {
  return {
    name,
    port,
    urlEnv: `${name.toUpperCase() as Uppercase<N>}_URL`,
    publicApi: true,
    httpRoutes: opts.httpRoutes ?? [],
    calls: opts.calls ?? [],
    consumes: opts.consumes ?? [],
    liveTopics: opts.liveTopics ?? [],
    replays: opts.replays ?? false,
  };
}

/** The services, in start order (identity first: the others verify tokens against its JWKS). */
export const SERVICES = [
  service("identity", 4001, { httpRoutes: [{ path: "/api/auth/" }], calls: ["orders", "notifications"] }),
  service("catalog", 4002, {
    // POST: staff image and shopper review photo uploads (multipart), the only large bodies the
    // gateway lets through (the catalog bounds review photos tighter itself).
    httpRoutes: [
      {
        path: "/media/",
        methods: ["GET", "HEAD", "POST"],
        maxBodyBytes: MEDIA_UPLOAD_MAX_BYTES + MULTIPART_FRAMING_BYTES,
      },
    ],
    // inventory: the CSV import sets stock through inventory.internal.setStock (#24).
    calls: ["inventory"],
    // orders: who paid for what, for reviews' "verified purchase" (#27).
    consumes: ["inventory", "orders"],
  }),
  service("inventory", 4003, { consumes: ["orders", "catalog", "payments"] }),
  service("cart", 4004, {
    calls: ["catalog", "inventory"],
    // inventory and catalog: stock and price changes of wished variants (#27).
    consumes: ["orders", "identity", "inventory", "catalog"],
    liveTopics: ["carts"],
  }),
  service("orders", 4005, {
    calls: ["catalog", "cart", "payments"],
    consumes: ["inventory", "payments", "identity"],
    liveTopics: ["orders"],
  }),
  service("payments", 4006, {
    httpRoutes: [{ path: "/webhooks/stripe", methods: ["POST"] }],
    consumes: ["identity"],
  }),
  service("notifications", 4007, {
    httpRoutes: [{ path: "/webhooks/twilio/sms", methods: ["POST"] }],
    // payments: a new gift card's code, claimed for the recipient's email (#27).
    calls: ["identity", "orders", "payments"],
    // `deadletter`: the DEADLETTER stream, which it turns into staff alerts (#22); `catalog`: product webhooks (#24);
    // `cart`: wishlist alerts (#27).
    consumes: ["identity", "orders", "payments", "inventory", "catalog", "cart", "deadletter"],
    // `support`: the support chat's live wake-ups (#22).
    liveTopics: ["support"],
  }),
  service("analytics", 4008, {
    consumes: ["orders", "payments", "inventory", "catalog", "cart", "identity"],
    liveTopics: ["analytics"],
    replays: true,
  }),
] as const satisfies readonly ServiceEntry[];

export type ServiceName = (typeof SERVICES)[number]["name"];

export const SERVICE_NAMES: readonly ServiceName[] = SERVICES.map((s) => s.name);

/**
 * Calls one batched tRPC request may carry: the services refuse more (tRPC's maxBatchSize), the
 * gateway refuses more before proxying, and the client's batch links split at it.
 */
export const MAX_BATCH_SIZE = 10;

/** The processes in front of the services. */
export const GATEWAY = {
  name: "gateway",
  port: 4000,
  urlEnv: "GATEWAY_URL",
  /** Core NATS subjects the gateway's cache listens to, to purge itself (it publishes nothing). */
  purgeSubjects: ["catalog.product.>", "catalog.category.>", "inventory.stock.changed.>"],
} as const;
export const WEB = { name: "web", port: 3000, urlEnv: "STOREFRONT_URL" } as const;

export function isServiceName(name: string): name is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(name);
}

export function serviceEntry(name: ServiceName): ServiceEntry {
  const entry = SERVICES.find((s) => s.name === name);
  if (!entry) throw new Error(`registry: no service ${name}`);
  return entry;
}

/** The service and registered route that answer a non-tRPC path, if any. */
export function httpRouteFor(path: string, method: string): { service: ServiceName; route: HttpRoute } | undefined {
  for (const s of SERVICES) {
    for (const route of s.httpRoutes as readonly HttpRoute[]) {
      const matches = route.path.endsWith("/") ? path.startsWith(route.path) : path === route.path;
      if (matches && (!route.methods || route.methods.includes(method))) return { service: s.name, route };
    }
  }
  return undefined;
}

/** The service that answers a non-tRPC path, if any. */
export function serviceForHttp(path: string, method: string): ServiceName | undefined {
  return httpRouteFor(path, method)?.service;
}

/** Every process's URL variable → URL, for a platform on `host` with ports shifted by `offset`. */
export function platformUrls(host = "127.0.0.1", offset = 0, storefrontHost = "localhost"): Record<string, string> {
  const urls: Record<string, string> = {
    [GATEWAY.urlEnv]: `http://${host}:${GATEWAY.port + offset}`,
    [WEB.urlEnv]: `http://${storefrontHost}:${WEB.port + offset}`,
  };
  for (const s of SERVICES) urls[s.urlEnv] = `http://${host}:${s.port + offset}`;
  return urls;
}

/**
 * How many instances of a service a launcher runs (`bun dev`, the benchmarks, the test platform):
 * `REPLICAS_<NAME>` (e.g. `REPLICAS_ORDERS=3`), else `REPLICAS`, else 1. Each instance gets its
 * own port on the same database; the others reach them all through the service's URL variable as
 * a comma-separated list.
 */
export function replicaCount(name: ServiceName, env: Record<string, string | undefined>): number {
  const own = `REPLICAS_${name.toUpperCase()}`;
  const variable = env[own] !== undefined && env[own] !== "" ? own : "REPLICAS";
  const raw = env[variable];
  if (raw === undefined || raw === "") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16) {
    throw new Error(`${variable} must be a whole number from 1 to 16, not "${raw}"`);
  }
  return n;
}

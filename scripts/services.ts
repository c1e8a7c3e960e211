// The platform's processes on this machine, their ports and the environment each gets in
// development, all derived from the registry (@mercato/registry). Used by the dev launcher and the
// migration script; docker-compose.yml and deploy/k8s are checked against the same registry.
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  GATEWAY,
  platformUrls,
  SERVICES as REGISTRY,
  replicaCount,
  type ServiceName,
  serviceEntry,
  WEB,
} from "@mercato/registry";
import type { ServiceKeySet } from "../packages/kit/src/service-keys.ts";

export type { ServiceName } from "@mercato/registry";

export const ROOT = join(import.meta.dir, "..");

/** Shifts every port, so a second platform (browser tests) can run beside a developer's. */
const OFFSET = Number(process.env.MERCATO_PORT_OFFSET ?? 0);
export const PORT_OFFSET = OFFSET;

/** Further instances of a service are this many ports apart (orders: 4005, 4105, 4205...). */
const REPLICA_PORT_STEP = 100;

/**
 * The services in start order, each on its registry port shifted by MERCATO_PORT_OFFSET, with the
 * ports of all its instances (`REPLICAS` / `REPLICAS_<NAME>`, one by default; #26).
 */
export const SERVICES = REGISTRY.map((s) => {
  const port = s.port + OFFSET;
  const ports = Array.from({ length: replicaCount(s.name, process.env) }, (_, i) => port + i * REPLICA_PORT_STEP);
  return { name: s.name, port, ports };
});
export const GATEWAY_PORT = GATEWAY.port + OFFSET;
export const WEB_PORT = WEB.port + OFFSET;
/** The gateway's internal /metrics port (never the public one). */
export const GATEWAY_METRICS_PORT = 4090 + OFFSET;
/** Prometheus beside the platform, with `bun dev --observe`. */
export const PROMETHEUS_PORT = 9090 + OFFSET;

/** Services whose code exists in this checkout (the launcher runs only those). */
export function presentServices() {
  return SERVICES.filter((s) => existsSync(join(ROOT, "apps", s.name, "src", "main.ts")));
}

export interface PlatformEnv {
  natsUrl: string;
  redisUrl: string;
  dataDir: string;
  /** This run's service key set (`generateServiceKeySet`): each service gets its own private key. */
  serviceKeys: ServiceKeySet;
  authSecret: string;
  host?: string;
}

/**
 * URLs every process may use to reach the others (`IDENTITY_URL`, ..., `GATEWAY_URL`,
 * `STOREFRONT_URL`); a service with several instances as the comma-separated list of them all.
 */
export function serviceUrls(host = "127.0.0.1"): Record<string, string> {
  const urls = platformUrls(host, OFFSET);
  for (const s of SERVICES) {
    urls[serviceEntry(s.name).urlEnv] = s.ports.map((port) => `http://${host}:${port}`).join(",");
  }
  return urls;
}

function ownSigningKey(name: ServiceName, keys: ServiceKeySet): string {
  const key = keys.signingKeys[name];
  if (!key) throw new Error(`the key set has no key for ${name}`);
  return key;
}

/** The environment of one instance of a service: every instance the same but for its port. */
export function envFor(
  name: ServiceName,
  p: PlatformEnv,
  port = serviceEntry(name).port + OFFSET,
): Record<string, string> {
  const host = p.host ?? "127.0.0.1";
  const urls = serviceUrls(host);
  const first = (variable: string) => urls[variable]?.split(",")[0] ?? "";
  return {
    ...urls,
    NODE_ENV: process.env.NODE_ENV ?? "development",
    HOST: host,
    PORT: String(port),
    DATABASE_URL: `file:${join(p.dataDir, `${name}.db`)}`,
    NATS_URL: p.natsUrl,
    REDIS_URL: p.redisUrl,
    JWKS_URL: `${first(serviceEntry("identity").urlEnv)}/api/auth/jwks`,
    // Its own private key only; every caller's public key.
    SERVICE_SIGNING_KEY: ownSigningKey(name, p.serviceKeys),
    SERVICE_PUBLIC_KEYS: p.serviceKeys.publicKeys,
    BETTER_AUTH_SECRET: p.authSecret,
    // Shoppers reach better-auth on the storefront's origin (forwarded to the gateway).
    BETTER_AUTH_URL: urls[WEB.urlEnv]!,
    // The gateway passes the client address on in X-Forwarded-For.
    TRUST_PROXY: "true",
    SEED_DEMO: "true",
    // The storefront's /dev/mailbox reads every email without signing in: development only.
    MAILBOX_API: "true",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
  };
}

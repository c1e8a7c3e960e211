// The platform's processes, their ports and the environment each gets in development.
// Used by the dev launcher; docker-compose.yml mirrors it.
import { existsSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dir, "..");

/** Shifts every port, so a second platform (browser tests) can run beside a developer's. */
const OFFSET = Number(process.env.MERCATO_PORT_OFFSET ?? 0);

export const SERVICES = [
  { name: "identity", port: 4001 + OFFSET },
  { name: "catalog", port: 4002 + OFFSET },
  { name: "inventory", port: 4003 + OFFSET },
  { name: "cart", port: 4004 + OFFSET },
  { name: "orders", port: 4005 + OFFSET },
  { name: "payments", port: 4006 + OFFSET },
  { name: "notifications", port: 4007 + OFFSET },
] as const;
export const GATEWAY_PORT = 4000 + OFFSET;
export const WEB_PORT = 3000 + OFFSET;

export type ServiceName = (typeof SERVICES)[number]["name"];

/** Services whose code exists in this checkout (the launcher runs only those). */
export function presentServices() {
  return SERVICES.filter((s) => existsSync(join(ROOT, "apps", s.name, "src", "main.ts")));
}

export interface PlatformEnv {
  natsUrl: string;
  redisUrl: string;
  dataDir: string;
  serviceSecret: string;
  authSecret: string;
  host?: string;
}

/** URLs every service may use to reach the others. */
export function serviceUrls(host = "127.0.0.1"): Record<string, string> {
  const urls: Record<string, string> = {
    GATEWAY_URL: `http://${host}:${GATEWAY_PORT}`,
    STOREFRONT_URL: `http://localhost:${WEB_PORT}`,
  };
  for (const s of SERVICES) urls[`${s.name.toUpperCase()}_URL`] = `http://${host}:${s.port}`;
  return urls;
}

export function envFor(name: ServiceName, p: PlatformEnv): Record<string, string> {
  const svc = SERVICES.find((s) => s.name === name)!;
  const host = p.host ?? "127.0.0.1";
  return {
    ...serviceUrls(host),
    NODE_ENV: process.env.NODE_ENV ?? "development",
    HOST: host,
    PORT: String(svc.port),
    DATABASE_URL: `file:${join(p.dataDir, `${name}.db`)}`,
    NATS_URL: p.natsUrl,
    REDIS_URL: p.redisUrl,
    JWKS_URL: `http://${host}:${SERVICES[0].port}/api/auth/jwks`,
    SERVICE_SECRET: p.serviceSecret,
    BETTER_AUTH_SECRET: p.authSecret,
    // Shoppers reach better-auth on the storefront's origin (forwarded to the gateway).
    BETTER_AUTH_URL: `http://localhost:${WEB_PORT}`,
    // The gateway passes the client address on in X-Forwarded-For.
    TRUST_PROXY: "true",
    SEED_DEMO: "true",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
  };
}

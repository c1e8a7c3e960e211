// The platform's processes, their ports and the environment each gets in development.
// Used by the dev launcher; docker-compose.yml mirrors it.
import { existsSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dir, "..");

export const SERVICES = [
  { name: "identity", port: 4001 },
  { name: "catalog", port: 4002 },
  { name: "inventory", port: 4003 },
  { name: "cart", port: 4004 },
  { name: "orders", port: 4005 },
  { name: "payments", port: 4006 },
  { name: "notifications", port: 4007 },
] as const;
export const GATEWAY_PORT = 4000;
export const WEB_PORT = 3000;

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
    JWKS_URL: `http://${host}:4001/api/auth/jwks`,
    SERVICE_SECRET: p.serviceSecret,
    BETTER_AUTH_SECRET: p.authSecret,
    // better-auth is reached through the gateway, the one public origin.
    BETTER_AUTH_URL: `http://localhost:${GATEWAY_PORT}`,
    SEED_DEMO: "true",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
  };
}

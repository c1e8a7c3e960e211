import type { RedisClient } from "@mercato/kit";
import type { ResponseCache } from "./cache/response-cache.ts";
import type { Upstreams } from "./upstreams.ts";

type ServiceReadiness = { status: "ready" } | { status: "unavailable"; message: string };

const PROBE_TIMEOUT_MS = 2_000;

/** Asks one service's `/ready`; a service that does not answer in time counts as unavailable. */
async function probe(url: string): Promise<ServiceReadiness> {
  try {
    const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (res.ok) return { status: "ready" };
    const body: unknown = await res.json().catch(() => null);
    const message =
      body && typeof body === "object" && "message" in body && typeof body.message === "string"
        ? body.message
        : `answered ${res.status}`;
    return { status: "unavailable", message };
  } catch (err) {
    const message = err instanceof Error && err.name === "TimeoutError" ? "no answer in time" : "unreachable";
    return { status: "unavailable", message };
  }
}

/**
 * The platform's readiness in one answer: 200 only if every service is ready. The gateway's own
 * dependencies are listed too but never fail it: without Redis limits fail open, without NATS the
 * cache is off, and requests are still served.
 */
export async function platformHealth(deps: {
  upstreams: Upstreams;
  redis: RedisClient;
  cache: ResponseCache;
  purgeFeedConnected: boolean;
}): Promise<{ ok: boolean; body: Record<string, unknown> }> {
  const upstreams = [...deps.upstreams.values()];
  const names = upstreams.map((u) => u.name);
  const results = await Promise.all(upstreams.map((u) => probe(u.url)));
  const services = Object.fromEntries(names.map((n, i) => [n, results[i]]));
  const down = names.filter((_, i) => results[i]?.status !== "ready");
  const redisUp = deps.redis.isReady;
  return {
    ok: down.length === 0,
    body: {
      status: down.length === 0 ? "ready" : "unavailable",
      ...(down.length ? { message: `${down.join(", ")} ${down.length > 1 ? "are" : "is"} unavailable` } : {}),
      services,
      gateway: {
        redis: redisUp ? "up" : "down (rate limits fail open)",
        nats: deps.purgeFeedConnected ? "up" : "down (cache off)",
        cache: deps.cache.stats(),
      },
    },
  };
}

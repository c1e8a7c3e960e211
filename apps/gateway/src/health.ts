import type { RedisClient } from "@mercato/kit";
import type { ResponseCache } from "./cache/response-cache.ts";
import type { Upstream, Upstreams } from "./upstreams.ts";

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
 * A service is ready when one of its replicas is. Each replica's answer also takes it out of the
 * rotation or puts it back (a replica that serves but is not ready, e.g. its NATS is away, gets
 * no requests until it is). With several, the answer counts the ready ones — counts only: /health
 * is on the public port, and the replicas' internal addresses are nobody's business outside.
 */
async function probeService(
  upstream: Upstream,
): Promise<ServiceReadiness & { replicas?: { ready: number; of: number } }> {
  const { replicas } = upstream;
  const results = await Promise.all(replicas.urls.map(probe));
  replicas.urls.forEach((url, i) => {
    if (results[i]?.status === "ready") replicas.markUp(url);
    else replicas.markDown(url);
  });
  const first = results.find((r) => r.status === "ready") ?? results[0] ?? { status: "unavailable", message: "no URL" };
  if (replicas.urls.length < 2) return first;
  const ready = results.filter((r) => r.status === "ready").length;
  return { ...first, replicas: { ready, of: replicas.urls.length } };
}

/**
 * Probes the `/ready` of every replica of each service that has several, every `intervalMs`, so a
 * replica that stops being ready (or dies between requests) is out of the rotation before a
 * request finds out, and one that comes back is in again. Answers the stop function.
 */
export function watchReplicas(upstreams: Upstreams, intervalMs: number): () => void {
  const several = [...upstreams.values()].filter((u) => u.replicas.urls.length > 1);
  if (several.length === 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void Promise.all(several.map(probeService)).finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
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
  const results = await Promise.all(upstreams.map(probeService));
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

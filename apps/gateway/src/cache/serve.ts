import { etagMatches, isCacheableRequest, sharedMaxAge } from "../domain/cache-policy.ts";
import type { GatewayMetrics } from "../metrics.ts";
import type { CachedResponse, ResponseCache } from "./response-cache.ts";

/**
 * Answers a public catalog query from the cache when it can, otherwise from the service (storing
 * the answer if the service marked it `public`). `fetchUpstream` performs the real call.
 * X-Cache tells which: HIT, MISS, or BYPASS (a personal or uncacheable request).
 */
export async function serveThroughCache(
  req: Request,
  key: string,
  cache: ResponseCache,
  metrics: GatewayMetrics,
  fetchUpstream: (identityEncoding: boolean) => Promise<Response>,
): Promise<Response> {
  if (!cache.enabled || !isCacheableRequest(req.method, req.headers)) {
    metrics.countCache("bypass");
    return withHeader(await fetchUpstream(false), "x-cache", "BYPASS");
  }
  const hit = cache.get(key);
  if (hit) {
    metrics.countCache("hit");
    return fromEntry(hit, req, "HIT");
  }
  metrics.countCache("miss");
  const ticket = cache.ticket();
  const res = await fetchUpstream(true);
  const maxAge = sharedMaxAge(res.status, res.headers);
  if (maxAge === undefined) return withHeader(res, "x-cache", "MISS");
  const body = new Uint8Array(await res.arrayBuffer());
  const entry: CachedResponse = {
    body,
    contentType: res.headers.get("content-type") ?? "application/json",
    cacheControl: res.headers.get("cache-control") ?? "",
    // Our own tag of the exact bytes: a service sets its ETag per procedure, which in a batched
    // answer describes only one of the results.
    etag: `"${Bun.hash(body).toString(36)}-${body.byteLength.toString(36)}"`,
    storedAt: Date.now(),
  };
  cache.set(key, entry, maxAge, ticket);
  return fromEntry(entry, req, "MISS");
}

function fromEntry(entry: CachedResponse, req: Request, result: "HIT" | "MISS"): Response {
  const headers = new Headers({
    "content-type": entry.contentType,
    "cache-control": entry.cacheControl,
    etag: entry.etag,
    age: String(Math.floor((Date.now() - entry.storedAt) / 1000)),
    "x-cache": result,
  });
  if (etagMatches(req.headers.get("if-none-match"), entry.etag)) return new Response(null, { status: 304, headers });
  return new Response(entry.body, { status: 200, headers });
}

function withHeader(res: Response, name: string, value: string): Response {
  res.headers.set(name, value);
  return res;
}

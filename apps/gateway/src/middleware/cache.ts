import type { Context } from "hono";
import type { CachedResponse, CachedVariant, ResponseCache } from "../cache/response-cache.ts";
import type { Compressor } from "../compression/compressor.ts";
import type { GatewayMiddleware } from "../context.ts";
import { etagMatches, isCacheableRequest, sharedMaxAge } from "../domain/cache-policy.ts";
import { etagForCoding, isCompressibleType, varyOnAcceptEncoding } from "../domain/content-coding.ts";
import { upstreamTarget } from "../forward.ts";
import type { GatewayMetrics } from "../metrics.ts";

/** The service whose public queries are cached; the purge feed listens to its changes. */
const CACHED_SERVICE = "catalog";

/**
 * Answers public catalog queries (tRPC GETs) from the cache when it can, otherwise lets the proxy
 * ask the service and stores the answer if the service marked it `public`. Stored answers carry
 * our ETag and answer If-None-Match with 304. X-Cache tells which: HIT, MISS, or BYPASS (a personal
 * or uncacheable request). An answer the service never gave (it is down) gets no X-Cache.
 *
 * With a compressor, the answer goes in the coding the client accepts; each coding is compressed
 * once and kept beside the identity body, so a hit only copies bytes.
 */
export function cacheMiddleware(deps: {
  cache: ResponseCache;
  metrics: GatewayMetrics;
  compressor?: Compressor;
}): GatewayMiddleware {
  const { cache, metrics, compressor } = deps;
  return async (c, next) => {
    const { service, trpc, rest } = c.var.destination;
    if (!(trpc || rest) || service !== CACHED_SERVICE || c.req.method !== "GET") return next();
    // A batch answered in part (some calls refused) is nobody else's answer.
    if (c.var.batchPlan) {
      metrics.countCache("bypass");
      await next();
      if (!c.error) c.header("x-cache", "BYPASS");
      return;
    }
    if (!cache.enabled || !isCacheableRequest(c.req.method, c.req.raw.headers)) {
      metrics.countCache("bypass");
      await next();
      if (!c.error) c.header("x-cache", "BYPASS");
      return;
    }
    // The response format depends on trpc-accept (JSON vs JSON lines), so it is part of the key.
    const key = `${c.req.header("trpc-accept") ?? ""} ${upstreamTarget(c.req.url)}`;
    const ticket = cache.ticket();
    const hit = cache.get(key);
    if (hit) {
      metrics.countCache("hit");
      return fromEntry(hit, variantFor(key, hit, c.req.raw, ticket), c.req.raw, "HIT");
    }
    metrics.countCache("miss");
    // The answer so far, with what the steps before this one set (request id, CORS headers).
    const before = c.res;
    await next();
    if (c.error) return;
    const maxAge = sharedMaxAge(c.res.status, c.res.headers);
    if (maxAge === undefined) {
      c.header("x-cache", "MISS");
      return;
    }
    const body = new Uint8Array(await c.res.arrayBuffer());
    const entry: CachedResponse = {
      body,
      contentType: c.res.headers.get("content-type") ?? "application/json",
      cacheControl: c.res.headers.get("cache-control") ?? "",
      // Our own tag of the exact bytes: a service sets its ETag per procedure, which in a batched
      // answer describes only one of the results.
      etag: `"${Bun.hash(body).toString(36)}-${body.byteLength.toString(36)}"`,
      storedAt: Date.now(),
    };
    cache.set(key, entry, maxAge, ticket);
    answerInstead(c, before, fromEntry(entry, variantFor(key, entry, c.req.raw, ticket), c.req.raw, "MISS"));
  };

  /** The stored copy in the coding the client takes, compressed and kept now if there is none. */
  function variantFor(key: string, entry: CachedResponse, req: Request, ticket: number): CachedVariant | undefined {
    if (!compressor) return undefined;
    const coding = compressor.codingFor(req.headers.get("accept-encoding"), entry.contentType, entry.body.byteLength);
    if (coding === "identity") return undefined;
    const stored = cache.getVariant(key, coding);
    if (stored) return stored;
    const variant: CachedVariant = {
      coding,
      body: compressor.compress(entry.body, coding),
      etag: etagForCoding(entry.etag, coding),
    };
    cache.setVariant(key, variant, ticket);
    return variant;
  }
}

function fromEntry(
  entry: CachedResponse,
  variant: CachedVariant | undefined,
  req: Request,
  result: "HIT" | "MISS",
): Response {
  const etag = variant?.etag ?? entry.etag;
  const headers = new Headers({
    "content-type": entry.contentType,
    "cache-control": entry.cacheControl,
    etag,
    age: String(Math.floor((Date.now() - entry.storedAt) / 1000)),
    "x-cache": result,
  });
  // Whether or not this client got a coding, the next one may: shared caches must key on it.
  if (isCompressibleType(entry.contentType)) varyOnAcceptEncoding(headers);
  if (etagMatches(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  if (variant) headers.set("content-encoding", variant.coding);
  const body = variant?.body ?? entry.body;
  headers.set("content-length", String(body.byteLength));
  return new Response(body, { status: 200, headers });
}

/**
 * Puts the stored answer in place of the service's. Hono would copy the current response's
 * headers onto it; the stored answer keeps the headers the earlier steps set (`before`), not the
 * service's (its own ETag, Content-Length, Vary...), exactly like an answer from the cache.
 */
function answerInstead(c: Context, before: Response, res: Response): void {
  for (const [name, value] of before.headers) res.headers.set(name, value);
  c.res = undefined;
  c.res = res;
}

/**
 * Whether a request may be answered from, or stored into, the shared cache. Anything that could
 * make the answer personal (a bearer token, a cookie) bypasses the cache both ways.
 */
export function isCacheableRequest(method: string, headers: Headers): boolean {
  if (method !== "GET") return false;
  if (headers.has("authorization") || headers.has("cookie")) return false;
  // Subscriptions are GETs too, but streams are never buffered.
  if (headers.get("accept")?.includes("text/event-stream")) return false;
  return true;
}

/**
 * Seconds a response may be shared, from its own Cache-Control; undefined when it must not be
 * cached: not `public`, no positive max-age, `private`/`no-store`/`no-cache`, or it sets a cookie.
 */
export function sharedMaxAge(status: number, headers: Headers): number | undefined {
  if (status !== 200) return undefined;
  if (headers.has("set-cookie")) return undefined;
  if (headers.get("content-type")?.includes("text/event-stream")) return undefined;
  const directives = parseCacheControl(headers.get("cache-control"));
  if (!directives.has("public")) return undefined;
  if (directives.has("private") || directives.has("no-store") || directives.has("no-cache")) return undefined;
  const raw = directives.get("s-maxage") ?? directives.get("max-age");
  const seconds = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(seconds) && seconds > 0 ? seconds : undefined;
}

function parseCacheControl(value: string | null): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const part of (value ?? "").split(",")) {
    const [name, arg] = part.trim().split("=", 2);
    if (name) out.set(name.toLowerCase(), arg?.replace(/^"|"$/g, ""));
  }
  return out;
}

/** RFC 9110 If-None-Match: weak comparison, a list of tags, or `*`. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => bare(tag) === bare(etag));
}

/**
 * Response caching for reads. Public reads get a short shared max-age plus a weak ETag of the
 * result; anything that depends on who asks (admins see drafts) is private and never stored.
 */
export const CACHE = {
  listing: "public, max-age=5, stale-while-revalidate=30",
  product: "public, max-age=15, stale-while-revalidate=60",
  tree: "public, max-age=30, stale-while-revalidate=300",
  /** Prices for carts and checkout: any cache must ask again every time (the ETag makes that cheap). */
  revalidate: "public, no-cache",
} as const;

/**
 * What a public procedure puts in `etag` until the response's body exists: the HTTP layer
 * (`withBodyEtag`) replaces it with the hash of the body as sent. Hashing the body serialised once
 * costs a fraction of serialising the result a second time just to hash it (a listing's 49 KB page
 * spent a fifth of its CPU there), and describes exactly the bytes a cache keeps.
 */
export const BODY_ETAG = 'W/"of-body"';

/** Response headers a public procedure already tagged: a second one means a batched response. */
const tagged = new WeakSet<Headers>();

export function setPublicCache(headers: Headers, cacheControl: string): void {
  // An admin's private answer in the same batch keeps the whole response private.
  if (headers.get("cache-control")?.startsWith("private")) return;
  if (tagged.has(headers)) {
    // A batch answers several procedures in one body: no single result's ETag describes it, and
    // the shortest lifetime of its parts applies.
    headers.delete("etag");
    headers.set("cache-control", CACHE.listing);
    return;
  }
  tagged.add(headers);
  headers.set("cache-control", cacheControl);
  headers.set("etag", BODY_ETAG);
}

export function setPrivate(headers: Headers): void {
  headers.set("cache-control", "private, no-store");
  headers.delete("etag");
}

/**
 * A response whose `etag` is {@link BODY_ETAG} with its body's own, `W/"<hash>-<length>"`; any other
 * response as it is. Streams never carry the placeholder, so reading the body whole is safe.
 */
export async function withBodyEtag(res: Response, hash: (text: string) => string = cyrb53): Promise<Response> {
  if (res.headers.get("etag") !== BODY_ETAG) return res;
  const text = await res.text();
  const headers = new Headers(res.headers);
  headers.set("etag", `W/"${hash(text)}-${text.length.toString(36)}"`);
  return new Response(text, { status: res.status, statusText: res.statusText, headers });
}

/** A 53-bit hash of a text in base 36 (cyrb53: fast, portable, no crypto needed; the edge's hash). */
export function cyrb53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * `cacheControl` with its lifetimes cut so that no shared cache (the gateway's, a CDN's, the
 * browser's) keeps the answer past `boundary`, when a price list starts or ends (#27): max-age is
 * the whole seconds left (0 in the last second), stale-while-revalidate only what remains after it.
 */
export function cappedAt(cacheControl: string, boundary: Date | null, now: Date): string {
  if (!boundary) return cacheControl;
  const left = Math.max(0, Math.floor((boundary.getTime() - now.getTime()) / 1000));
  const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1] ?? Number.NaN);
  if (!Number.isFinite(maxAge)) return cacheControl;
  const swr = Number(/stale-while-revalidate=(\d+)/.exec(cacheControl)?.[1] ?? 0);
  if (left >= maxAge + swr) return cacheControl;
  const age = Math.min(maxAge, left);
  const stale = Math.max(0, left - age);
  return `public, max-age=${age}${stale > 0 ? `, stale-while-revalidate=${stale}` : ""}`;
}

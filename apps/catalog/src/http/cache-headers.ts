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

/** Response headers a public procedure already tagged: a second one means a batched response. */
const tagged = new WeakSet<Headers>();

export function setPublicCache(headers: Headers, result: unknown, cacheControl: string): void {
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
  headers.set("etag", weakEtag(result));
}

export function setPrivate(headers: Headers): void {
  headers.set("cache-control", "private, no-store");
  headers.delete("etag");
}

/** W/"<53-bit hash>-<length>" of the JSON form (cyrb53: fast, portable, no crypto needed). */
export function weakEtag(value: unknown): string {
  const text = JSON.stringify(value) ?? "";
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `W/"${hash.toString(36)}-${text.length.toString(36)}"`;
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

/**
 * The storefront server's data cache and sales (#27). Catalog reads are cached by URL for
 * CATALOG_REVALIDATE_SECONDS and served stale while they refresh, so a page read during a sale
 * could be shown after it ends. Each cached read's URL therefore carries the last public price
 * boundary passed (`pe`): when a sale starts or ends the key changes and the next render asks
 * again. The boundaries themselves are read through the same short cache, so a list saved less
 * than that long before its start or end may apply that much late; one already known never does.
 */
export function priceEpoch(boundaries: readonly Date[], now: number): string {
  let last = 0;
  for (const b of boundaries) if (b.getTime() <= now && b.getTime() > last) last = b.getTime();
  return String(last);
}

/** `url` with its epoch parameter (tRPC reads only `input` and `batch`; the rest is cache key). */
export function withEpoch(url: string, epoch: string): string {
  const u = new URL(url);
  u.searchParams.set("pe", epoch);
  return u.toString();
}

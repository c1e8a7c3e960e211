import type { CatalogRouter } from "@mercato/catalog";
import { createServiceClient, type Logger, notFound, type ServiceTokenSigner, unavailable } from "@mercato/kit";
import type { RegionRules } from "@mercato/pricing";
import { MAX_REGION_CACHE_MS } from "../domain/region.ts";

/** Where carts get their regions' rules: currency, tax basis and rates, shipping options. */
export interface RegionSource {
  /** The region with this id; a 404 naming `regionId` when the catalog has none. */
  byId(id: string): Promise<RegionRules>;
  /** The region holding `country`, else the catalog's default region (also with no country). */
  resolve(country?: string): Promise<RegionRules>;
}

function isNotFound(err: unknown): boolean {
  return (err as { data?: { code?: string } } | null)?.data?.code === "NOT_FOUND";
}

/**
 * Regions from the catalog, cached in this process for `ttlMs` (at most 5 s): every cart view
 * needs its region, and regions change rarely (an admin's edit), so one catalog call per region
 * per few seconds serves every view. Concurrent misses share one call; a failed call is not
 * cached. A catalog that does not answer is a 503 naming `catalog`.
 */
export function createRegionSource(opts: {
  catalogUrl: string;
  serviceToken: ServiceTokenSigner;
  log: Logger;
  ttlMs: number;
  now?: () => number;
}): RegionSource {
  const catalog = createServiceClient<CatalogRouter>("catalog", opts.catalogUrl, opts.serviceToken);
  const ttl = Math.min(Math.max(opts.ttlMs, 0), MAX_REGION_CACHE_MS);
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { expires: number; rules: Promise<RegionRules> }>();

  const unanswered = (err: unknown) => {
    opts.log.warn({ err: String(err) }, "catalog did not answer for a region");
    return unavailable("catalog", "the catalog service is unavailable; try again shortly");
  };

  function cached(key: string, load: () => Promise<RegionRules>): Promise<RegionRules> {
    const hit = cache.get(key);
    if (hit && hit.expires > now()) return hit.rules;
    const rules = load();
    cache.set(key, { expires: now() + ttl, rules });
    rules.catch(() => {
      if (cache.get(key)?.rules === rules) cache.delete(key);
    });
    return rules;
  }

  return {
    byId(id) {
      return cached(`id:${id}`, () =>
        catalog.catalog.regions.byId.query({ id }).catch((err: unknown) => {
          if (isNotFound(err)) throw notFound("regionId", `no region "${id}"`);
          throw unanswered(err);
        }),
      );
    },
    resolve(country) {
      return cached(`country:${country ?? ""}`, () =>
        catalog.catalog.regions.resolve.query(country ? { country } : {}).catch((err: unknown) => {
          // The catalog answers but holds no region at all: a shop not set up yet, not a shopper's error.
          if (isNotFound(err)) {
            throw unavailable("regionId", "no region is configured: carts cannot be priced until one exists");
          }
          throw unanswered(err);
        }),
      );
    },
  };
}

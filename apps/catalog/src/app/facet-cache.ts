import type { FacetResult } from "./facets.ts";

/** A cache of facet results per filter (the same for every page of a listing). */
export interface FacetCache {
  get(key: string): FacetResult | undefined;
  set(key: string, value: FacetResult): void;
}

/**
 * A bounded in-memory facet cache with a time-to-live. Facets are the costly part of a listing
 * (they count the whole filtered set) and are the same for every page of it.
 */
export function memoryFacetCache(ttlMs: number, maxEntries = 500): FacetCache & { clear(): void } {
  const entries = new Map<string, { value: FacetResult; until: number }>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.until <= Date.now()) {
        entries.delete(key);
        return undefined;
      }
      return hit.value;
    },
    set(key, value) {
      if (ttlMs === 0) return;
      // Maps iterate in insertion order: the first key is the oldest entry.
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, { value, until: Date.now() + ttlMs });
    },
    clear() {
      entries.clear();
    },
  };
}

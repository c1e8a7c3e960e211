import { LRUCache } from "lru-cache";
import type { GatewayMetrics } from "../metrics.ts";

export interface CachedResponse {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  cacheControl: string;
  etag: string;
  storedAt: number;
}

/** What an entry costs beyond its body: the key, headers and bookkeeping, roughly. */
const ENTRY_OVERHEAD_BYTES = 512;

/**
 * Shared responses of public catalog queries, bounded in bytes. Entries live for the upstream's
 * max-age and are dropped at once when the catalog changes (see purge.ts). While the purge feed is
 * down the cache is switched off, since nothing would tell it about changes.
 */
export class ResponseCache {
  private readonly lru: LRUCache<string, CachedResponse> | undefined;
  /** Bumped on every purge, so a response fetched before a purge is not stored after it. */
  private generation = 0;
  private online = false;

  constructor(
    maxBytes: number,
    private readonly metrics: GatewayMetrics,
  ) {
    this.lru =
      maxBytes > 0
        ? new LRUCache<string, CachedResponse>({
            maxSize: maxBytes,
            sizeCalculation: (entry, key) => entry.body.byteLength + key.length + ENTRY_OVERHEAD_BYTES,
            // A response larger than an eighth of the cache would evict too much to be worth it.
            maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
          })
        : undefined;
  }

  get enabled(): boolean {
    return this.lru !== undefined && this.online;
  }

  /** Called by the purge feed: on when it is connected, off (and emptied) when it is not. */
  setOnline(online: boolean): void {
    if (!online) this.purge();
    this.online = online;
  }

  /** A token to pass to `set`: the store is skipped if a purge happened in between. */
  ticket(): number {
    return this.generation;
  }

  get(key: string): CachedResponse | undefined {
    return this.enabled ? this.lru?.get(key) : undefined;
  }

  set(key: string, entry: CachedResponse, maxAgeSeconds: number, ticket: number): void {
    if (!this.enabled || ticket !== this.generation) return;
    this.lru?.set(key, entry, { ttl: maxAgeSeconds * 1000 });
    this.metrics.setCacheBytes(this.lru?.calculatedSize ?? 0);
  }

  purge(): void {
    this.generation += 1;
    this.lru?.clear();
    this.metrics.setCacheBytes(0);
  }

  stats(): { entries: number; bytes: number; enabled: boolean } {
    return { entries: this.lru?.size ?? 0, bytes: this.lru?.calculatedSize ?? 0, enabled: this.enabled };
  }
}

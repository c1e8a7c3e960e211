import { LRUCache } from "lru-cache";
import type { ContentCoding } from "../domain/content-coding.ts";
import type { GatewayMetrics } from "../metrics.ts";

export interface CachedResponse {
  /** The body as the service sent it (identity). */
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  cacheControl: string;
  etag: string;
  storedAt: number;
}

/** A compressed copy of a stored answer, kept beside it so a hit does not compress again. */
export interface CachedVariant {
  coding: ContentCoding;
  body: Uint8Array<ArrayBuffer>;
  /** Its own strong tag: the bytes differ from the identity body's. */
  etag: string;
}

type Stored = { kind: "identity"; entry: CachedResponse } | { kind: "variant"; variant: CachedVariant };

/** What an entry costs beyond its body: the key, headers and bookkeeping, roughly. */
const ENTRY_OVERHEAD_BYTES = 512;

/**
 * Shared responses of public catalog queries, bounded in bytes. Entries live for the upstream's
 * max-age and are dropped at once when the catalog changes (see purge.ts). While the purge feed is
 * down the cache is switched off, since nothing would tell it about changes.
 *
 * Compressed copies are entries of their own (key + coding), so the byte bound counts them and the
 * LRU drops a coding nobody asks for while keeping the ones in use. A copy never outlives its
 * identity entry: it is stored with what is left of that entry's time to live.
 */
export class ResponseCache {
  private readonly lru: LRUCache<string, Stored> | undefined;
  /** Bumped on every purge, so a response fetched before a purge is not stored after it. */
  private generation = 0;
  private online = false;

  constructor(
    maxBytes: number,
    private readonly metrics: GatewayMetrics,
  ) {
    this.lru =
      maxBytes > 0
        ? new LRUCache<string, Stored>({
            maxSize: maxBytes,
            sizeCalculation: (stored, key) =>
              (stored.kind === "identity" ? stored.entry.body : stored.variant.body).byteLength +
              key.length +
              ENTRY_OVERHEAD_BYTES,
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
    if (!this.enabled) return undefined;
    const stored = this.lru?.get(key);
    return stored?.kind === "identity" ? stored.entry : undefined;
  }

  getVariant(key: string, coding: ContentCoding): CachedVariant | undefined {
    if (!this.enabled) return undefined;
    const stored = this.lru?.get(variantKey(key, coding));
    return stored?.kind === "variant" ? stored.variant : undefined;
  }

  set(key: string, entry: CachedResponse, maxAgeSeconds: number, ticket: number): void {
    if (!this.enabled || ticket !== this.generation) return;
    this.lru?.set(key, { kind: "identity", entry }, { ttl: maxAgeSeconds * 1000 });
    this.metrics.setCacheBytes(this.lru?.calculatedSize ?? 0);
  }

  /** Keeps a compressed copy of the entry stored under `key`, if that entry is still there. */
  setVariant(key: string, variant: CachedVariant, ticket: number): void {
    if (!this.enabled || !this.lru || ticket !== this.generation) return;
    const ttl = this.lru.getRemainingTTL(key);
    if (!(ttl > 0) || !Number.isFinite(ttl)) return;
    this.lru.set(variantKey(key, variant.coding), { kind: "variant", variant }, { ttl });
    this.metrics.setCacheBytes(this.lru.calculatedSize);
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

/** A URL holds no raw newline, so a copy's key cannot be another request's key. */
function variantKey(key: string, coding: ContentCoding): string {
  return `${key}\n${coding}`;
}

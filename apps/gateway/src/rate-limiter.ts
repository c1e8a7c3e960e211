import type { Logger, RedisClient } from "@mercato/kit";
import type { Bucket } from "./domain/rate-limit.ts";

/**
 * Fixed windows in Redis, several keys in one round trip: add each key's increment, start its
 * window (PEXPIRE) if it has none, and report totals and time left. A key that somehow lost its
 * expiry gets one again, so a counter can never stick forever.
 */
const SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCRBY', key, ARGV[2 * i - 1])
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[2 * i])
    ttl = tonumber(ARGV[2 * i])
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
return out`;

export type RateDecision = { allowed: true } | { allowed: false; bucket: Bucket; retryAfterSeconds: number };

/** What this instance knows of one key's current window. */
interface Window {
  /** The total last read from Redis plus what was counted here since. */
  count: number;
  /** Counted here, not yet added in Redis. */
  pending: number;
  resetAt: number;
  windowMs: number;
}

/** How long a Redis call may take before the request goes through unchecked (default). */
const CALL_TIMEOUT_MS = 250;
/** Strict buckets the in-process fallback keeps at most. */
const FALLBACK_KEYS_MAX = 100_000;
/** At most one "Redis is down" warning per this period, however many requests fail open. */
const WARN_EVERY_MS = 30_000;

/**
 * Rate limits shared by every gateway instance through Redis, without a Redis round trip on the
 * hot path. A key's first request in a window is counted in Redis at once; later ones are counted
 * here and added to Redis in the background every `syncEveryMs`, which also brings back what other
 * instances counted. A limit can thus be overshot by what other instances saw in one sync period,
 * which is negligible for the broad per-IP and per-user limits. The strict buckets (sign-in,
 * checkout) are always counted in Redis first, so they are exact.
 * If Redis does not answer, the broad limits fail open with a rate-limited warning and the strict
 * ones (sign-in, reset, checkout, discount codes) fail closed to a count in this process.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  /** Strict buckets counted in this process while Redis does not answer. */
  private readonly fallback = new Map<string, { count: number; resetAt: number }>();
  private readonly timer: ReturnType<typeof setInterval>;
  private syncing: Promise<void> | undefined;
  private lastWarning = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly log: Logger,
    private readonly opts: { syncEveryMs?: number; prefix?: string; callTimeoutMs?: number } = {},
  ) {
    this.timer = setInterval(() => void this.sync(), opts.syncEveryMs ?? 100);
    this.timer.unref();
  }

  /** Charges the request to every bucket; refuses if any ran out. */
  async check(buckets: Bucket[]): Promise<RateDecision> {
    const now = Date.now();
    const remote = buckets.filter((b) => b.name === "sensitive" || !this.live(b.key, now));
    const unchecked = new Set<string>();
    if (remote.length > 0) {
      const totals = await this.add(remote.map((b) => ({ key: b.key, by: 1, windowMs: b.windowMs })));
      if (totals) {
        remote.forEach((b, i) => {
          const total = totals[i]!;
          const known = this.windows.get(b.key);
          // Requests counted here meanwhile are not in Redis's total yet.
          const pending = known && known.resetAt > now ? known.pending : 0;
          this.windows.set(b.key, {
            count: total.count + pending,
            pending,
            resetAt: now + total.ttlMs,
            windowMs: b.windowMs,
          });
        });
      } else {
        for (const b of remote) unchecked.add(b.key);
      }
    }
    let refusal: { bucket: Bucket; retryAfterSeconds: number } | undefined;
    for (const bucket of buckets) {
      let w: { count: number; resetAt: number };
      if (unchecked.has(bucket.key)) {
        // Redis did not answer: the broad limits fail open, the strict ones are counted here.
        if (bucket.name !== "sensitive") continue;
        w = this.countLocally(bucket, now);
      } else {
        const known = this.windows.get(bucket.key)!;
        if (!remote.includes(bucket)) {
          known.count += 1;
          known.pending += 1;
        }
        w = known;
      }
      if (w.count <= bucket.limit) continue;
      const retryAfterSeconds = Math.max(1, Math.ceil((w.resetAt - now) / 1000));
      // The longest wait is the honest Retry-After when several buckets ran out.
      if (!refusal || retryAfterSeconds > refusal.retryAfterSeconds) refusal = { bucket, retryAfterSeconds };
    }
    return refusal ? { allowed: false, ...refusal } : { allowed: true };
  }

  /**
   * The in-process count of a strict bucket while Redis is away (fail closed): each instance
   * holds the limit by itself, so a client may get the limit once per instance, never without end.
   */
  private countLocally(bucket: Bucket, now: number): { count: number; resetAt: number } {
    let w = this.fallback.get(bucket.key);
    if (!w || w.resetAt <= now) {
      if (this.fallback.size >= FALLBACK_KEYS_MAX) this.pruneFallback(now);
      w = { count: 0, resetAt: now + bucket.windowMs };
      this.fallback.set(bucket.key, w);
    }
    w.count += 1;
    return w;
  }

  /** Forgets ended windows, and the oldest ones if that is not enough (the map stays bounded). */
  private pruneFallback(now: number): void {
    for (const [key, w] of this.fallback) if (w.resetAt <= now) this.fallback.delete(key);
    for (const key of this.fallback.keys()) {
      if (this.fallback.size < FALLBACK_KEYS_MAX) break;
      this.fallback.delete(key);
    }
  }

  /** Stops the background sync after one last one. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.sync();
  }

  private live(key: string, now: number): boolean {
    const w = this.windows.get(key);
    return w !== undefined && w.resetAt > now;
  }

  /** Adds what was counted here to Redis and learns the totals (other instances included). */
  private sync(): Promise<void> {
    this.syncing ??= (async () => {
      const now = Date.now();
      for (const [key, w] of this.fallback) if (w.resetAt <= now) this.fallback.delete(key);
      const batch: { key: string; by: number; windowMs: number; w: Window }[] = [];
      for (const [key, w] of this.windows) {
        if (w.resetAt <= now) this.windows.delete(key);
        else if (w.pending > 0) batch.push({ key, by: w.pending, windowMs: w.windowMs, w });
      }
      if (batch.length === 0) return;
      for (const item of batch) item.w.pending -= item.by;
      const totals = await this.add(batch);
      batch.forEach((item, i) => {
        const total = totals?.[i];
        if (!total) {
          item.w.pending += item.by; // try again next time
          return;
        }
        item.w.count = total.count + item.w.pending;
        item.w.resetAt = Date.now() + total.ttlMs;
      });
    })().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  /** One round trip for many keys; undefined (and a warning) when Redis does not answer. */
  private async add(
    items: { key: string; by: number; windowMs: number }[],
  ): Promise<{ count: number; ttlMs: number }[] | undefined> {
    const prefix = this.opts.prefix ?? "gateway:rl:";
    try {
      const raw = await withTimeout(
        this.redis.eval(SCRIPT, {
          keys: items.map((i) => prefix + i.key),
          arguments: items.flatMap((i) => [String(i.by), String(i.windowMs)]),
        }),
        this.opts.callTimeoutMs ?? CALL_TIMEOUT_MS,
      );
      if (!Array.isArray(raw)) throw new Error("unexpected answer from the rate-limit script");
      return items.map((_, i) => ({ count: Number(raw[i * 2]), ttlMs: Number(raw[i * 2 + 1]) }));
    } catch (err) {
      this.warnOpen(err);
      return undefined;
    }
  }

  private warnOpen(err: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.log.warn(
      { err: err instanceof Error ? err.message : String(err) },
      "Redis did not answer: broad rate limits fail open, strict ones are counted in this process",
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

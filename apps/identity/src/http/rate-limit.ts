import type { Logger, RedisClient } from "@mercato/kit";
import { type LimitVerdict, strictest, verdict } from "../domain/rate-limit.ts";

/** DECR that stops at zero and keeps the window's TTL. */
const RELEASE = `local n = tonumber(redis.call("GET", KEYS[1]) or "0")
if n > 0 then return redis.call("DECR", KEYS[1]) end
return 0`;

export interface Limit {
  key: string;
  limit: number;
}

/**
 * Fixed-window counters in Redis, shared by every identity instance. When Redis is away the
 * limiter lets requests through (logged): refusing every sign-in would be worse than no limit.
 */
export function createLimiter(redis: RedisClient, windowSeconds: number, log: Logger) {
  const full = (key: string) => `identity:ratelimit:${key}`;

  async function read(limits: Limit[]): Promise<LimitVerdict[]> {
    return Promise.all(
      limits.map(async ({ key, limit }) => {
        const [count, ttl] = await Promise.all([redis.get(full(key)), redis.ttl(full(key))]);
        return verdict(Number(count ?? 0) + 1, limit, ttl, windowSeconds);
      }),
    );
  }

  return {
    /** Gives back one counted attempt per key (a sign-in that succeeded); never below zero. */
    async release(limits: Limit[]): Promise<void> {
      try {
        await Promise.all(limits.map(({ key }) => redis.eval(RELEASE, { keys: [full(key)] })));
      } catch (err) {
        log.warn({ err: String(err) }, "rate limiter unavailable; count not released");
      }
    },
    /** Seconds to wait if one more attempt would exceed a limit (without counting it). */
    async blocked(limits: Limit[]): Promise<number | null> {
      try {
        return strictest(await read(limits));
      } catch (err) {
        log.warn({ err: String(err) }, "rate limiter unavailable; allowing");
        return null;
      }
    },
    /** Counts one attempt against each key; returns the seconds to wait when this one went over. */
    async hit(limits: Limit[]): Promise<number | null> {
      try {
        const verdicts = await Promise.all(
          limits.map(async ({ key, limit }) => {
            const [, count, ttl] = await redis
              .multi()
              .set(full(key), "0", { EX: windowSeconds, NX: true })
              .incr(full(key))
              .ttl(full(key))
              .exec();
            return verdict(Number(count), limit, Number(ttl), windowSeconds);
          }),
        );
        return strictest(verdicts);
      } catch (err) {
        log.warn({ err: String(err) }, "rate limiter unavailable; allowing");
        return null;
      }
    },
  };
}

export type Limiter = ReturnType<typeof createLimiter>;

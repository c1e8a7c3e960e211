import type { RedisClient } from "@mercato/kit";
import type { SecondaryStorage } from "better-auth";

/**
 * Redis as better-auth's secondary storage: sessions and one-time tokens (password reset, email
 * verification) live here with their TTL, so sign-out, ban and token use take effect everywhere.
 */
export function redisSecondaryStorage(redis: RedisClient, prefix = "identity:auth:"): SecondaryStorage {
  const k = (key: string) => `${prefix}${key}`;
  return {
    get: (key) => redis.get(k(key)),
    getAndDelete: (key) => redis.getDel(k(key)),
    async increment(key, ttl) {
      // SET NX creates the counter with its TTL once; INCR never extends it (a fixed window).
      const [, count] = await redis
        .multi()
        .set(k(key), "0", { EX: Math.max(1, Math.ceil(ttl)), NX: true })
        .incr(k(key))
        .exec();
      return Number(count);
    },
    async set(key, value, ttl) {
      if (ttl && ttl > 0) await redis.set(k(key), value, { EX: Math.max(1, Math.ceil(ttl)) });
      else await redis.set(k(key), value);
    },
    async delete(key) {
      await redis.del(k(key));
    },
  };
}

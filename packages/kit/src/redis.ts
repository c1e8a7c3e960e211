import { createClient } from "redis";
import type { Logger } from "./logger.ts";

/**
 * A Redis client that never blocks start-up and fails fast while Redis is away (no offline
 * queue), so callers can fail open or answer 503 instead of hanging. It reconnects by itself.
 */
export function connectRedis(url: string, log: Logger) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  let down = false;
  client.on("error", (err: Error) => {
    if (!down) log.warn({ err: err.message }, "redis is unreachable; retrying");
    down = true;
  });
  client.on("ready", () => {
    if (down) log.info("redis is back");
    down = false;
  });
  client.connect().catch(() => undefined);
  return client;
}

export type RedisClient = ReturnType<typeof connectRedis>;

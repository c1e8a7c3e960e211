import { natsConnectOptions } from "@mercato/events/nats-auth";
import type { Logger } from "@mercato/kit";
import { GATEWAY } from "@mercato/registry";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import type { ResponseCache } from "./response-cache.ts";

/**
 * Subjects whose events change what catalog queries return. Core NATS subscriptions see JetStream
 * publishes as they happen, with no durable state to manage for a purely in-memory cache.
 */
export const PURGE_SUBJECTS = GATEWAY.purgeSubjects;

/**
 * Stock events are purged in one coalesced sweep this long after the first of a burst: under
 * checkout load they arrive many times a second, and purging on each would keep the cache empty.
 * The delay also lets the catalog apply the same event first, so the next read is the new stock.
 */
const STOCK_PURGE_DELAY_MS = 400;

export interface CachePurger {
  /** Whether the feed is connected now (for /health). */
  readonly connected: boolean;
  close(): Promise<void>;
}

/**
 * Keeps the cache honest: drops every cached catalog entry on any product or stock change, so a
 * change is visible on the next request. Dropping everything is coarse but always right, and the
 * hot pages refill in one request each.
 */
export function startCachePurger(natsUrl: string, cache: ResponseCache, log: Logger): CachePurger {
  let nc: NatsConnection | undefined;
  let closed = false;
  let connected = false;
  let pendingStockPurge: ReturnType<typeof setTimeout> | undefined;
  const purgeForStock = () => {
    pendingStockPurge ??= setTimeout(() => {
      pendingStockPurge = undefined;
      cache.purge();
    }, STOCK_PURGE_DELAY_MS);
  };
  const setConnected = (up: boolean) => {
    connected = up;
    cache.setOnline(up);
  };

  const ready = (async () => {
    // Keeps trying in the background: the gateway serves (uncached) while NATS is away. Our own
    // loop rather than `waitOnFirstConnect`, which could not be cancelled at shutdown.
    let warned = false;
    while (!nc) {
      if (closed) return;
      try {
        nc = await connect({
          // As the `gateway` NATS user, which may only listen to these subjects (nats-auth.ts).
          ...natsConnectOptions(natsUrl),
          name: "gateway-cache-purge",
          maxReconnectAttempts: -1,
          reconnectTimeWait: 250,
        });
      } catch (err) {
        if (!warned) log.warn({ err: String(err) }, "NATS is unreachable; caching is off until it answers");
        warned = true;
        await Bun.sleep(1_000);
      }
    }
    if (closed) {
      await nc.close();
      return;
    }
    for (const subject of PURGE_SUBJECTS) {
      nc.subscribe(subject, {
        callback: (err, msg) => {
          if (err) return;
          if (msg.subject.startsWith("inventory.")) return purgeForStock();
          cache.purge();
          log.debug({ subject: msg.subject }, "catalog changed; cache purged");
        },
      });
    }
    await nc.flush();
    setConnected(true);
    log.info("cache purge feed connected");
    for await (const status of nc.status()) {
      if (status.type === "disconnect") {
        log.warn("cache purge feed lost NATS; caching is off until it is back");
        setConnected(false);
      } else if (status.type === "reconnect") {
        log.info("cache purge feed reconnected; caching is on");
        setConnected(true);
      }
    }
  })().catch((err: unknown) => {
    if (!closed) log.error({ err }, "cache purge feed stopped; caching stays off");
    setConnected(false);
  });

  return {
    get connected() {
      return connected;
    },
    async close() {
      closed = true;
      clearTimeout(pendingStockPurge);
      setConnected(false);
      if (nc && !nc.isClosed()) await nc.close();
      await ready;
    },
  };
}

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { fileURLToPath } from "node:url";
import { createEvent, EventBus, enqueue, on, outbox, PermanentEventError } from "@mercato/events";
import { eventually, type NatsServer, startNats, type TempDatabase, tempDatabase } from "@mercato/testing";
import { eq } from "drizzle-orm";
import { Pinged } from "../../events/test/fixtures/events.ts";
import * as schema from "../../events/test/fixtures/schema.ts";
import { createLogger } from "../src/index.ts";
import { consumerLags, deadLetterCount, outboxBacklog } from "../src/system/stats.ts";

const log = createLogger("system-stats-test", "silent");
let nats: NatsServer;
let temp: TempDatabase<typeof schema>;
let bus: EventBus;

beforeAll(async () => {
  [nats, temp] = await Promise.all([
    startNats(),
    tempDatabase(schema, fileURLToPath(new URL("../../events/test/fixtures/drizzle", import.meta.url))),
  ]);
  // The notifications service's own NATS user: the readers must work within its permissions.
  bus = await EventBus.connect(nats.urlFor("notifications"), "notifications", log);
}, 30_000);

afterAll(async () => {
  await bus?.close();
  temp?.dispose();
  await nats?.dispose();
});

describe("outboxBacklog", () => {
  test("counts unpublished rows and measures the oldest one's age", async () => {
    expect(await outboxBacklog(temp.db)).toEqual({ pending: 0, oldestAgeMs: null });
    const first = createEvent(Pinged, { n: 1, note: "a" });
    const second = createEvent(Pinged, { n: 2, note: "b" });
    await temp.db.write((tx) => enqueue(tx, first));
    await temp.db.write((tx) => enqueue(tx, second));
    const [row] = await temp.db.orm.select().from(outbox).where(eq(outbox.id, first.id));
    const createdAt = row?.createdAt.getTime() ?? 0;
    const now = createdAt + 7_000;
    const backlog = await outboxBacklog(temp.db, now);
    expect(backlog.pending).toBe(2);
    expect(backlog.oldestAgeMs).toBe(7_000);

    await temp.db.write((tx) => tx.update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, first.id)));
    const after = await outboxBacklog(temp.db, now);
    expect(after.pending).toBe(1);
    expect(after.oldestAgeMs).toBeLessThanOrEqual(7_000);
    await temp.db.write((tx) => tx.update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, second.id)));
    expect(await outboxBacklog(temp.db, now)).toEqual({ pending: 0, oldestAgeMs: null });
  });
});

describe("consumer lag and dead letters, as the service's NATS user", () => {
  test("reads pending, ack-pending and redelivered from consumer info, and dead letters per type", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen = new Map<number, number>();
    const sub = await bus.subscribe({
      consumer: "notifications",
      retryBaseMs: 10,
      concurrency: 4,
      handlers: [
        on(Pinged, async (event, ctx) => {
          if (event.data.note === "bad") throw new PermanentEventError("refused for the test");
          seen.set(event.data.n, ctx.deliveryCount);
          // The first delivery of n=2 fails once, so one message is redelivered while held.
          if (event.data.n === 2 && ctx.deliveryCount === 1) throw new Error("try again");
          await gate;
        }),
      ],
    });
    try {
      expect(await deadLetterCount(bus, "notifications")).toEqual({ total: 0, byEventType: {} });
      await bus.publish(Pinged, { n: 0, note: "bad" });
      await bus.publish(Pinged, { n: 2, note: "flaky" });
      await bus.publish(Pinged, { n: 3, note: "ok" });

      const dead = await eventually(async () => {
        const c = await deadLetterCount(bus, "notifications");
        return c.total === 1 && c;
      });
      expect(dead.byEventType).toEqual({ [Pinged.type]: 1 });
      // Another consumer's dead letters are not counted.
      expect((await deadLetterCount(bus, "orders")).total).toBe(0);

      const held = await eventually(async () => {
        const [lag] = await consumerLags(bus, "notifications", ["notifications"]);
        return lag && lag.redelivered >= 1 && lag.ackPending >= 2 && lag;
      });
      expect(held).toMatchObject({
        domain: "notifications",
        stream: "NOTIFICATIONS",
        durable: "notifications-notifications",
      });
      expect(held.pending).toBe(0);

      release();
      const drained = await eventually(async () => {
        const [lag] = await consumerLags(bus, "notifications", ["notifications"]);
        return lag && lag.pending === 0 && lag.ackPending === 0 && lag;
      });
      expect(drained.redelivered).toBe(0);
      expect(seen.get(2)).toBe(2);
      // A durable this service never created is left out rather than failing the page.
      expect(await consumerLags(bus, "notifications", ["identity"])).toEqual([]);
    } finally {
      release();
      await sub.stop();
    }
  }, 60_000);
});

import { afterAll, beforeAll, expect, test } from "bun:test";
import { fileURLToPath } from "node:url";
import { type RunningServer, startNats } from "@mercato/testing";
import { asc, isNull } from "drizzle-orm";
import { EventBus } from "../src/bus.ts";
import { createEvent } from "../src/envelope.ts";
import { enqueue, OutboxRelay } from "../src/outbox.ts";
import { outbox } from "../src/tables.ts";
import { Pinged } from "./fixtures/events.ts";
import { fixtureDb, messagesOn, silentLog } from "./helpers.ts";

let nats: RunningServer;
beforeAll(async () => {
  nats = await startNats();
});
afterAll(async () => {
  await nats?.dispose();
});

test("the outbox delivers each event exactly once across a relay killed mid-batch", async () => {
  const fixture = await fixtureDb();
  const bus = await EventBus.connect(nats.url, "outbox-test", silentLog);
  try {
    const total = 300;
    const ids = await fixture.db.write(async (tx) => {
      const out: string[] = [];
      for (let n = 0; n < total; n++) {
        const event = createEvent(Pinged, { n, note: "outbox" }, { key: `k${n % 7}` });
        await enqueue(tx, event);
        out.push(event.id);
      }
      return out;
    });

    // A relay process publishes 120 (two batches of 50 marked, the third half-published) and dies.
    const child = Bun.spawn(["bun", fileURLToPath(new URL("./fixtures/relay-crash.ts", import.meta.url))], {
      env: { ...process.env, DB_URL: fixture.url, NATS_URL: nats.url, CRASH_AFTER: "120" },
      stdout: "ignore",
      stderr: "ignore",
    });
    expect(await child.exited).not.toBe(0);
    expect(child.signalCode).toBe("SIGKILL");
    const pending = await fixture.db.orm.select().from(outbox).where(isNull(outbox.sentAt));
    expect(pending.length).toBeGreaterThan(total - 120); // the crashed batch was published but not marked

    // A new relay resumes: it re-publishes the unmarked rows, and JetStream drops the duplicates.
    const relay = new OutboxRelay(fixture.db, bus, silentLog, { batchSize: 50 });
    await relay.drain();
    expect(await fixture.db.orm.select().from(outbox).where(isNull(outbox.sentAt))).toHaveLength(0);

    const onStream = await messagesOn(bus.jsm, "NOTIFICATIONS", Pinged.type);
    const streamIds = onStream.map((m) => (JSON.parse(m.data) as { id: string }).id);
    expect(streamIds).toHaveLength(total);
    expect(new Set(streamIds)).toEqual(new Set(ids));
    // Order is kept: the outbox order is the stream order.
    expect(onStream.map((m) => (JSON.parse(m.data) as { data: { n: number } }).data.n)).toEqual([
      ...Array(total).keys(),
    ]);
    // Trace headers and the ordering key travel with each message.
    expect(onStream[0]?.headers["x-event-key"]).toBe("k0");
    await relay.stop();
  } finally {
    await bus.close();
    fixture.dispose();
  }
}, 30_000);

test("a row that cannot be published is kept and retried, and does not hold back the rows behind it", async () => {
  const fixture = await fixtureDb();
  const bus = await EventBus.connect(nats.url, "outbox-oversize-test", silentLog);
  try {
    // Over the server's 1 MB max_payload: NATS refuses it.
    const huge = createEvent(Pinged, { n: -1, note: "x".repeat(1_100_000) });
    const after = [createEvent(Pinged, { n: -2, note: "after" }), createEvent(Pinged, { n: -3, note: "after" })];
    await fixture.db.write(async (tx) => {
      for (const e of [huge, ...after]) await enqueue(tx, e);
    });
    const relay = new OutboxRelay(fixture.db, bus, silentLog, { batchSize: 50 });
    await relay.drain();
    await relay.drain();
    const rows = await fixture.db.orm.select().from(outbox);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(huge.id)?.sentAt).toBeNull();
    expect(byId.get(huge.id)?.attempts).toBe(2);
    expect(byId.get(huge.id)?.lastError).toBeTruthy();
    for (const e of after) expect(byId.get(e.id)?.sentAt).toBeInstanceOf(Date);
    const onStream = (await messagesOn(bus.jsm, "NOTIFICATIONS", Pinged.type)).map(
      (m) => (JSON.parse(m.data) as { id: string }).id,
    );
    expect(onStream).toEqual(expect.arrayContaining(after.map((e) => e.id)));
    expect(onStream).not.toContain(huge.id);
    await relay.stop();
  } finally {
    await bus.close();
    fixture.dispose();
  }
}, 30_000);

test("published rows older than the retention are pruned; pending and recent rows stay", async () => {
  const fixture = await fixtureDb();
  const bus = await EventBus.connect(nats.url, "outbox-prune-test", silentLog);
  try {
    const relay = new OutboxRelay(fixture.db, bus, silentLog, { keepSentMs: 60_000 });
    const enqueueMany = (count: number, note: string) =>
      fixture.db.write(async (tx) => {
        for (let n = 0; n < count; n++) await enqueue(tx, createEvent(Pinged, { n, note }));
      });
    await enqueueMany(1_200, "old");
    expect(await relay.drain()).toBe(1_200);
    await enqueueMany(3, "pending");

    // An hour later the 1,200 published rows are past the retention; the 3 unsent ones are not.
    expect(await relay.prune(Date.now() + 3_600_000)).toBe(1_200);
    const left = await fixture.db.orm.select().from(outbox);
    expect(left).toHaveLength(3);
    expect(left.every((r) => r.sentAt === null)).toBe(true);

    // Published now: kept until they are old enough.
    await relay.drain();
    expect(await relay.prune()).toBe(0);
    expect(await fixture.db.orm.select().from(outbox)).toHaveLength(3);
    await relay.stop();
  } finally {
    await bus.close();
    fixture.dispose();
  }
}, 30_000);

test("two instances' relays, neither started (no lease), publish on their kicks: each event once, in outbox order", async () => {
  // Two instances of a service (processes: one database file, each its own connection, bus and
  // relay) whose relays are only kicked, as in instances that do not hold the relay's lease (#26).
  const fixture = await fixtureDb();
  const bus = await EventBus.connect(nats.url, "outbox-kicks-test", silentLog);
  const note = `kicks-${crypto.randomUUID()}`;
  try {
    const writers = [1, 2].map((instance) =>
      Bun.spawn(["bun", fileURLToPath(new URL("./fixtures/kicking-writer.ts", import.meta.url))], {
        env: {
          ...process.env,
          DB_URL: fixture.url,
          NATS_URL: nats.url,
          NOTE: note,
          INSTANCE: String(instance),
          TRANSACTIONS: "150",
        },
        stdout: "ignore",
        stderr: "inherit",
      }),
    );
    expect(await Promise.all(writers.map((w) => w.exited))).toEqual([0, 0]);

    // Every row published, by one instance or the other (nobody polled: no relay was started).
    expect(await fixture.db.orm.select().from(outbox).where(isNull(outbox.sentAt))).toHaveLength(0);
    const rows = await fixture.db.orm.select().from(outbox).orderBy(asc(outbox.seq));
    const written = rows.map((r) => r.id);
    expect(written).toHaveLength(2 * 300); // 1 + 2 + 3 events per three transactions, 150 each
    const onStream = (await messagesOn(bus.jsm, "NOTIFICATIONS", Pinged.type))
      .map((m) => JSON.parse(m.data) as { id: string; data: { note: string } })
      .filter((e) => e.data.note === note)
      .map((e) => e.id);
    // Once each (JetStream dropped what both drains sent), and the stream's order is the outbox's.
    expect(onStream).toEqual(written);
  } finally {
    await bus.close();
    fixture.dispose();
  }
}, 60_000);

test("a closed relay (shutdown) publishes nothing more on a kick", async () => {
  const fixture = await fixtureDb();
  const bus = await EventBus.connect(nats.url, "outbox-closed-test", silentLog);
  try {
    const relay = new OutboxRelay(fixture.db, bus, silentLog);
    await fixture.db.write((tx) => enqueue(tx, createEvent(Pinged, { n: 1, note: "before close" })));
    // close() drains what is pending once more…
    await relay.close();
    expect(await fixture.db.orm.select().from(outbox).where(isNull(outbox.sentAt))).toHaveLength(0);
    // …and then ignores kicks: the bus is about to close.
    await fixture.db.write((tx) => enqueue(tx, createEvent(Pinged, { n: 2, note: "after close" })));
    relay.kick();
    await Bun.sleep(300);
    expect(await fixture.db.orm.select().from(outbox).where(isNull(outbox.sentAt))).toHaveLength(1);
  } finally {
    await bus.close();
    fixture.dispose();
  }
}, 30_000);

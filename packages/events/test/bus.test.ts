import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { fileURLToPath } from "node:url";
import { type RunningServer, startNats } from "@mercato/testing";
import { headers as natsHeaders } from "@nats-io/transport-node";
import { eq, sql } from "drizzle-orm";
import { EventBus, on, PermanentEventError } from "../src/bus.ts";
import { createEvent, EventSchemaError, parseEvent } from "../src/envelope.ts";
import { processOnce } from "../src/inbox.ts";
import { DEAD_LETTER_STREAM, durableName, streamFor } from "../src/streams.ts";
import { Pinged, Ponged } from "./fixtures/events.ts";
import { effects } from "./fixtures/schema.ts";
import { fixtureDb, messagesOn, silentLog, until } from "./helpers.ts";

let nats: RunningServer;
let bus: EventBus;
beforeAll(async () => {
  nats = await startNats();
  bus = await EventBus.connect(nats.url, "bus-test", silentLog);
});
afterAll(async () => {
  await bus?.close();
  await nats?.dispose();
});

describe("event schemas", () => {
  test("creating an event that fails its schema is an error naming the field", () => {
    expect(() => createEvent(Pinged, { n: 1.5, note: "x" })).toThrow(EventSchemaError);
    expect(() => createEvent(Pinged, { n: 1.5, note: "x" })).toThrow(/n: /);
  });

  test("receiving an event that fails its schema is an error naming the field", () => {
    const good = createEvent(Pinged, { n: 1, note: "x" });
    expect(() => parseEvent(Pinged, { ...good, data: { n: 1 } })).toThrow(/data\.note/);
    expect(() => parseEvent(Pinged, { ...good, occurredAt: "yesterday" })).toThrow(/occurredAt/);
  });
});

describe("consumers", () => {
  test("a redelivered event changes nothing (idempotent inbox)", async () => {
    const fixture = await fixtureDb();
    const calls: string[] = [];
    const sub = await bus.subscribe({
      consumer: "inbox-test",
      handlers: [
        on(Pinged, async (event) => {
          calls.push(event.id);
          await processOnce(fixture.db, "inbox-test", event, (tx) =>
            tx
              .insert(effects)
              .values({ key: "pings", count: 1 })
              .onConflictDoUpdate({ target: effects.key, set: { count: sql`${effects.count} + 1` } }),
          );
        }),
      ],
    });
    try {
      const event = createEvent(Pinged, { n: 7, note: "once" });
      // The same event delivered three times (as after a crash before ack): distinct message ids
      // so JetStream does not dedupe, same event id inside.
      for (let i = 0; i < 3; i++) await bus.publishRaw(event.type, JSON.stringify(event), `${event.id}#${i}`);
      await until(async () => calls.length >= 3);
      const [row] = await fixture.db.orm.select().from(effects).where(eq(effects.key, "pings"));
      expect(row?.count).toBe(1);
    } finally {
      await sub.stop();
      fixture.dispose();
    }
  });

  test("a poison event lands in the dead-letter stream after the retry bound", async () => {
    let attempts = 0;
    const sub = await bus.subscribe({
      consumer: "poison-test",
      maxDeliver: 3,
      retryBaseMs: 20,
      handlers: [
        on(Pinged, async (event) => {
          if (event.data.note !== "poison") return;
          attempts += 1;
          throw new Error("cannot handle this one");
        }),
      ],
    });
    try {
      const event = await bus.publish(Pinged, { n: 1, note: "poison" });
      const subject = `deadletter.poison-test.${Pinged.type}`;
      const [dead] = await until(async () => {
        const found = await messagesOn(bus.jsm, DEAD_LETTER_STREAM, subject);
        return found.length > 0 && found;
      });
      expect(attempts).toBe(3);
      expect(dead?.headers["x-dead-letter-reason"]).toBe("cannot handle this one");
      expect(dead?.headers["x-delivery-count"]).toBe("3");
      expect((JSON.parse(dead?.data ?? "{}") as { id: string }).id).toBe(event.id);
    } finally {
      await sub.stop();
    }
  });

  test("a handler's PermanentEventError dead-letters the event at once, with its reason", async () => {
    let attempts = 0;
    const sub = await bus.subscribe({
      consumer: "refusal-test",
      maxDeliver: 5,
      retryBaseMs: 20,
      handlers: [
        on(Pinged, async (event) => {
          if (event.data.note !== "forged") return;
          attempts += 1;
          throw new PermanentEventError("amount: payment of 1, the order asked for 2400");
        }),
      ],
    });
    try {
      const event = await bus.publish(Pinged, { n: 1, note: "forged" });
      const subject = `deadletter.refusal-test.${Pinged.type}`;
      const [dead] = await until(async () => {
        const found = await messagesOn(bus.jsm, DEAD_LETTER_STREAM, subject);
        return found.length > 0 && found;
      });
      expect(dead?.headers["x-dead-letter-reason"]).toBe("amount: payment of 1, the order asked for 2400");
      expect(dead?.headers["x-delivery-count"]).toBe("1");
      expect((JSON.parse(dead?.data ?? "{}") as { id: string }).id).toBe(event.id);
      await Bun.sleep(200);
      expect(attempts).toBe(1);
    } finally {
      await sub.stop();
    }
  });

  test("a message that fails its schema is dead-lettered at once with the field named", async () => {
    let handled = 0;
    const sub = await bus.subscribe({
      consumer: "schema-test",
      handlers: [
        on(Pinged, async (event) => {
          if (event.data.note === "schema") handled += 1;
        }),
      ],
    });
    try {
      const bad = { ...createEvent(Pinged, { n: 1, note: "schema" }), data: { n: "one", note: "schema" } };
      const h = natsHeaders();
      h.set("x-request-id", "req-123");
      await bus.js.publish(Pinged.type, JSON.stringify(bad), { msgID: bad.id, headers: h });
      const subject = `deadletter.schema-test.${Pinged.type}`;
      const [dead] = await until(async () => {
        const found = await messagesOn(bus.jsm, DEAD_LETTER_STREAM, subject);
        return found.length > 0 && found;
      });
      expect(dead?.headers["x-dead-letter-reason"]).toContain("data.n");
      expect(dead?.headers["x-delivery-count"]).toBe("1");
      expect(dead?.headers["x-request-id"]).toBe("req-123");
      expect(handled).toBe(0);
    } finally {
      await sub.stop();
    }
  });

  test("a message held by an instance killed mid-event goes to the other within the ack wait; a slow live handler keeps its own", async () => {
    const consumer = "held-test";
    // The first instance, a process of its own, takes the message and hangs in its handler.
    const held = Bun.spawn(["bun", fileURLToPath(new URL("./fixtures/holding-consumer.ts", import.meta.url))], {
      env: { ...process.env, NATS_URL: nats.url, CONSUMER: consumer },
      stdout: "pipe",
      stderr: "inherit",
    });
    const lines = held.stdout.pipeThrough(new TextDecoderStream()).getReader();
    const waitFor = async (word: string) => {
      for (let text = ""; !text.includes(word); ) {
        const { value, done } = await lines.read();
        if (done) throw new Error(`the holding consumer exited before "${word}"`);
        text += value;
      }
    };
    const handled: { n: number; deliveryCount: number; at: number }[] = [];
    let sub: Awaited<ReturnType<EventBus["subscribe"]>> | undefined;
    try {
      await waitFor("subscribed");
      await bus.publish(Pinged, { n: 1, note: "held" });
      await waitFor("holding");
      // The second instance, here: a slow handler (longer than the ack wait) for n = 2.
      sub = await bus.subscribe({
        consumer,
        handlers: [
          on(Pinged, async (event, ctx) => {
            if (event.data.note !== "held") return;
            if (event.data.n === 2) await Bun.sleep(3_000);
            handled.push({ n: event.data.n, deliveryCount: ctx.deliveryCount, at: performance.now() });
          }),
        ],
      });
      held.kill("SIGKILL");
      await held.exited;
      const killedAt = performance.now();
      await until(async () => handled.some((h) => h.n === 1), 10_000);
      const redelivered = handled.find((h) => h.n === 1)!;
      expect(redelivered.deliveryCount).toBe(2);
      // Within the 2 s ack wait of the kill (plus scheduling), not the 5 s it was.
      expect(redelivered.at - killedAt).toBeLessThan(3_500);

      // Held by a live instance for 3 s, over the ack wait: heartbeats keep it, one delivery.
      await bus.publish(Pinged, { n: 2, note: "held" });
      await until(async () => handled.some((h) => h.n === 2), 10_000);
      await Bun.sleep(2_500);
      expect(handled.filter((h) => h.n === 2).map((h) => h.deliveryCount)).toEqual([1]);
    } finally {
      held.kill("SIGKILL");
      await sub?.stop();
    }
  }, 30_000);

  test("events with the same key are handled in order even with concurrency", async () => {
    const seen = new Map<string, number[]>();
    const sub = await bus.subscribe({
      consumer: "order-test",
      concurrency: 8,
      handlers: [
        on(Pinged, async (event) => {
          if (event.data.note !== "ordered") return;
          await Bun.sleep(Math.random() * 5);
          const key = event.key ?? "";
          seen.set(key, [...(seen.get(key) ?? []), event.data.n]);
        }),
      ],
    });
    try {
      for (let n = 0; n < 60; n++) await bus.publish(Pinged, { n, note: "ordered" }, { key: `order-${n % 3}` });
      await until(async () => [...seen.values()].reduce((a, l) => a + l.length, 0) === 60);
      for (const [key, ns] of seen) {
        expect(ns, key).toEqual([...ns].sort((a, b) => a - b));
      }
    } finally {
      await sub.stop();
    }
  });

  test("a consumer of one type of a domain is sent that type only; of several, the whole domain", async () => {
    const heard: string[] = [];
    const one = await bus.subscribe({
      consumer: "one-type-test",
      handlers: [on(Pinged, async (e) => void (e.data.note === "filtered" && heard.push(e.type)))],
    });
    const both = await bus.subscribe({
      consumer: "two-types-test",
      handlers: [
        on(Pinged, async (e) => void (e.data.note === "filtered" && heard.push(`both ${e.type}`))),
        on(Ponged, async (e) => void heard.push(`both ${e.type}`)),
      ],
    });
    const stream = streamFor(Pinged.domain);
    try {
      const info = (consumer: string) => bus.jsm.consumers.info(stream, durableName(consumer, Pinged.domain));
      expect((await info("one-type-test")).config.filter_subject).toBe(Pinged.type);
      expect((await info("two-types-test")).config.filter_subject).toBe(`${Pinged.domain}.>`);
      // Caught up with the stream's earlier pings (other tests') before counting what it is sent.
      await until(async () => {
        const i = await info("one-type-test");
        return i.num_pending === 0 && i.num_ack_pending === 0;
      });
      const sentBefore = (await info("one-type-test")).delivered.consumer_seq;
      await bus.publish(Ponged, { n: 1 });
      await bus.publish(Pinged, { n: 2, note: "filtered" });
      await until(async () => heard.length === 3);
      expect(heard.sort()).toEqual([`both ${Pinged.type}`, `both ${Ponged.type}`, Pinged.type]);
      // The one-type consumer was sent the Pinged alone: nothing to ack unread.
      expect((await info("one-type-test")).delivered.consumer_seq - sentBefore).toBe(1);
    } finally {
      await Promise.all([one.stop(), both.stop()]);
    }
  });
});

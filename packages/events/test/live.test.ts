import { afterAll, beforeAll, expect, test } from "bun:test";
import { type RunningServer, startNats } from "@mercato/testing";
import { EventBus } from "../src/bus.ts";
import { LiveChannel } from "../src/live.ts";
import { silentLog, until } from "./helpers.ts";

let nats: RunningServer;
let a: EventBus;
let b: EventBus;

beforeAll(async () => {
  nats = await startNats();
  // Two connections stand for two instances of one service.
  [a, b] = await Promise.all([
    EventBus.connect(nats.url, "live-a", silentLog),
    EventBus.connect(nats.url, "live-b", silentLog),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await nats?.dispose();
});

test("a wake-up published on one instance reaches listeners of that key on another, with its payload", async () => {
  const onA = new LiveChannel<{ status: string }>(a.nc, "things", silentLog);
  const onB = new LiveChannel<{ status: string }>(b.nc, "things", silentLog);
  const heard: string[] = [];
  const all: string[] = [];
  const stopOne = onB.listen("t1", (p) => heard.push(p.status));
  const stopAll = onB.listenAll((p, key) => all.push(`${key}=${p.status}`));
  await onB.start();
  onA.publish("t1", { status: "PAID" });
  onA.publish("t2", { status: "PENDING" });
  await until(async () => all.length === 2);
  expect(heard).toEqual(["PAID"]);
  expect(all).toEqual(["t1=PAID", "t2=PENDING"]);
  stopOne();
  stopAll();
  onA.stop();
  onB.stop();
});

test("watch() queues wake-ups that arrive while the consumer is busy and ends when aborted", async () => {
  const channel = new LiveChannel(b.nc, "pings");
  const publisher = new LiveChannel(a.nc, "pings");
  const abort = new AbortController();
  const wakes = channel.watch("cart:1", abort.signal);
  await channel.start();
  publisher.publish("cart:1");
  publisher.publish("cart:1");
  publisher.publish("cart:2");
  let count = 0;
  for await (const _ of wakes) {
    count++;
    if (count === 2) abort.abort();
  }
  expect(count).toBe(2);
  channel.stop();
});

test("a watcher aborted before it is ever iterated leaves no listener behind", async () => {
  const channel = new LiveChannel(b.nc, "abandoned");
  const abort = new AbortController();
  channel.watch("k", abort.signal);
  abort.abort();
  const listeners = (channel as unknown as { byKey: Map<string, Set<unknown>> }).byKey;
  expect(listeners.has("k")).toBe(false);
  channel.stop();
});

test("once start() resolves, the server holds the subscription: a wake-up published at once from another connection arrives", async () => {
  // Without the flush inside start(), another connection's publish can reach the server before the
  // SUB does and is then dropped for this listener (a first stream waiting for a change for good).
  for (let round = 0; round < 20; round++) {
    const channel = new LiveChannel(b.nc, `first-${round}`);
    const publisher = new LiveChannel(a.nc, `first-${round}`);
    let heard = 0;
    channel.listen("k", () => heard++);
    await channel.start();
    publisher.publish("k");
    await until(async () => heard === 1);
    channel.stop();
  }
});

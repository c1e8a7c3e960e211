import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { GATEWAY, SERVICE_NAMES, serviceEntry } from "@mercato/registry";
import { type NatsServer, startNats } from "@mercato/testing";
import { EventBus, on } from "../src/bus.ts";
import {
  NATS_USERS,
  natsAuthorizationTemplate,
  natsConnectOptions,
  natsUrlWithCredentials,
  permissionsOf,
  platformNatsUsers,
  redactNatsUrl,
} from "../src/nats-auth.ts";
import { ProductCreated } from "../src/schemas/catalog.ts";
import { silentLog } from "./helpers.ts";

let nats: NatsServer;
beforeAll(async () => {
  nats = await startNats();
});
afterAll(async () => {
  await nats?.dispose();
});

/** What a connection gets for a publish through JetStream: "ok" or the server's refusal. */
async function jsPublish(bus: EventBus, subject: string): Promise<string> {
  return bus.publishRaw(subject, "{}", crypto.randomUUID()).then(
    () => "ok",
    (err: unknown) => String(err),
  );
}

/** What a service may do with its own durable on a stream it consumes. */
const consumerApi = (stream: string, durable: string) => [
  `$JS.API.CONSUMER.CREATE.${stream}.${durable}`,
  `$JS.API.CONSUMER.CREATE.${stream}.${durable}.>`,
  `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.${durable}`,
  `$JS.API.CONSUMER.INFO.${stream}.${durable}`,
  `$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`,
  `$JS.ACK.${stream}.${durable}.>`,
];

describe("the users, from the registry", () => {
  test("one user per service and the gateway; each publishes only its own domain, dead letters and live topics", () => {
    expect(NATS_USERS).toEqual([...SERVICE_NAMES, GATEWAY.name]);
    expect(permissionsOf("orders").publish.allow).toEqual([
      "orders.>",
      "deadletter.orders.>",
      "live.orders.>",
      // its own singleton jobs' lease keys (lease.ts), no other service's
      "$KV.leases.orders.>",
      "$JS.API.INFO",
      "$JS.API.STREAM.INFO.ORDERS",
      "$JS.API.STREAM.CREATE.ORDERS",
      "$JS.API.STREAM.INFO.DEADLETTER",
      "$JS.API.STREAM.CREATE.DEADLETTER",
      "$JS.API.STREAM.MSG.GET.DEADLETTER",
      "$JS.API.STREAM.INFO.KV_leases",
      "$JS.API.STREAM.CREATE.KV_leases",
      "$JS.API.DIRECT.GET.KV_leases.$KV.leases.orders.>",
      // orders handles its own events too (the kit consumer includes its own domain).
      ...consumerApi("ORDERS", "orders-orders"),
      "$JS.API.STREAM.INFO.INVENTORY",
      ...consumerApi("INVENTORY", "orders-inventory"),
      "$JS.API.STREAM.INFO.PAYMENTS",
      ...consumerApi("PAYMENTS", "orders-payments"),
      // identity.user.deleted.v1: orders anonymizes the user's orders.
      "$JS.API.STREAM.INFO.IDENTITY",
      ...consumerApi("IDENTITY", "orders-identity"),
    ]);
    // No wildcard over the JetStream API: nothing to delete, purge, update or read others' consumers with.
    for (const user of SERVICE_NAMES) {
      const allow = permissionsOf(user).publish.allow ?? [];
      expect(
        allow.filter((s) => s.startsWith("$JS") && (s.includes("*") || s === "$JS.API.>" || s === "$JS.ACK.>")),
      ).toEqual([]);
      // The one direct get: a service reads its own lease keys.
      expect(allow.filter((s) => /DELETE|PURGE|UPDATE|DIRECT/.test(s))).toEqual([
        `$JS.API.DIRECT.GET.KV_leases.$KV.leases.${user}.>`,
      ]);
      // Reading messages by sequence: the dead letters (the kit's system room replays its own),
      // and a replaying service (analytics' rebuild) only the streams whose events it consumes anyway.
      const entry = serviceEntry(user);
      const readable = entry.replays
        ? [...new Set([user, ...entry.consumes])].map((d) => `$JS.API.STREAM.MSG.GET.${d.toUpperCase()}`)
        : [];
      expect(allow.filter((s) => s.includes("MSG.GET"))).toEqual(["$JS.API.STREAM.MSG.GET.DEADLETTER", ...readable]);
    }
    expect(permissionsOf("analytics").publish.allow).toContain("$JS.API.STREAM.MSG.GET.ORDERS");
    expect(permissionsOf("orders").publish.allow?.filter((s) => s.includes("MSG.GET"))).toEqual([
      "$JS.API.STREAM.MSG.GET.DEADLETTER",
    ]);
    expect(permissionsOf("orders").subscribe.allow).toEqual([
      "_INBOX_orders.>",
      "orders.>",
      "inventory.>",
      "payments.>",
      "identity.>",
      "live.orders.>",
    ]);
    expect(permissionsOf("gateway")).toEqual({
      publish: { deny: [">"] },
      subscribe: {
        allow: ["catalog.product.>", "catalog.category.>", "inventory.stock.changed.>", "_INBOX_gateway.>"],
      },
    });
  });

  test("a missing or short password stops the generation naming the variable; the deployed block holds none", () => {
    expect(() => platformNatsUsers({})).toThrow("NATS_PASSWORD_IDENTITY is missing or short");
    const template = natsAuthorizationTemplate();
    expect(template).toContain('{ user: "payments", password: $NATS_PASSWORD_PAYMENTS,');
    expect(template).not.toMatch(/password: "/);
  });

  test("credentials ride in the URL, are URL-encoded and are masked for logs", () => {
    const url = natsUrlWithCredentials("nats://nats:4222", "orders", "p@ss:w/rd");
    expect(url).toBe("nats://orders:p%40ss%3Aw%2Frd@nats:4222");
    expect(natsConnectOptions(url)).toEqual({
      servers: "nats://nats:4222",
      user: "orders",
      pass: "p@ss:w/rd",
      inboxPrefix: "_INBOX_orders",
    });
    expect(natsConnectOptions("nats://nats:4222")).toEqual({ servers: "nats://nats:4222" });
    expect(redactNatsUrl(url)).toBe("nats://orders:***@nats:4222");
  });
});

describe("the server enforces them", () => {
  test("no credentials, or a wrong password: refused", async () => {
    for (const url of [nats.bareUrl, natsUrlWithCredentials(nats.bareUrl, "orders", "wrong-password-000")]) {
      const outcome = await EventBus.connect(url, "intruder", silentLog).then(
        (bus) => bus.close().then(() => "connected"),
        (err: unknown) => String(err),
      );
      expect(outcome).toMatch(/Authorization Violation/);
    }
  });

  test("orders publishes its own events and dead letters, not another domain's", async () => {
    const orders = await EventBus.connect(nats.urlFor("orders"), "orders", silentLog);
    try {
      expect(await jsPublish(orders, "orders.placed.v1")).toBe("ok");
      expect(await jsPublish(orders, "deadletter.orders.payments.succeeded.v1")).toBe("ok");
      expect(await jsPublish(orders, "payments.succeeded.v1")).toMatch(/Permissions Violation for Publish/);
      expect(await jsPublish(orders, "deadletter.cart.orders.placed.v1")).toMatch(/Permissions Violation/);
      // Destroying a stream is not among the JetStream API it may use.
      const purge = await orders.jsm.streams.purge("PAYMENTS").then(
        () => "purged",
        (err: unknown) => String(err),
      );
      expect(purge).toMatch(/Permissions Violation|timeout/i);
    } finally {
      await orders.close();
    }
  }, 30_000);

  test("a service creates only its own stream; its consumer on another domain waits until the owner creates that one", async () => {
    const operator = await EventBus.connect(nats.url, "operator", silentLog);
    // A fresh cluster: no CATALOG stream yet (the harness made them all; take this one away).
    await operator.jsm.streams.delete("CATALOG");
    const inventory = await EventBus.connect(nats.urlFor("inventory"), "inventory", silentLog);
    const created = await inventory.jsm.streams.add({ name: "CATALOG", subjects: ["catalog.>"] }).then(
      () => "created",
      (err: unknown) => String(err),
    );
    expect(created).toMatch(/Permissions Violation/);
    let subscribed = false;
    const subscription = inventory
      .subscribe({ consumer: "inventory", handlers: [on(ProductCreated, async () => {})], streamWaitMs: 10_000 })
      .then((sub) => {
        subscribed = true;
        return sub;
      });
    await Bun.sleep(600);
    expect(subscribed).toBe(false);
    // The owner starts: connecting as catalog creates CATALOG, and inventory's consumer follows.
    const catalog = await EventBus.connect(nats.urlFor("catalog"), "catalog", silentLog);
    const sub = await subscription;
    expect(subscribed).toBe(true);
    expect((await operator.jsm.consumers.info("CATALOG", "inventory-catalog")).name).toBe("inventory-catalog");
    await sub.stop();
    await Promise.all([inventory.close(), catalog.close(), operator.close()]);
  }, 30_000);
});

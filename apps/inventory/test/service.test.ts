import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ProductCreated, ProductUpdated } from "@mercato/events";
import { TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { InventoryRouter } from "../src/index.ts";
import {
  clientFor,
  eventually,
  type InventoryUnderTest,
  serviceClient,
  startInventory,
  streamMessages,
  userClient,
} from "./helpers.ts";
import { orderCancelled, orderPaid, orderPlaced, publishEnvelope } from "./orders.ts";

let env: Awaited<ReturnType<typeof startInventory>>;
let inventory: InventoryUnderTest;
let admin: ReturnType<typeof userClient>;
let internal: ReturnType<typeof serviceClient>;

function product(productId: string, skus: string[]) {
  return {
    productId,
    slug: productId,
    title: productId,
    status: "active" as const,
    categoryIds: [],
    variants: skus.map((sku) => ({ sku, price: 1000, currency: "EUR" as const })),
  };
}

async function errorOf(p: Promise<unknown>): Promise<TRPCClientError<InventoryRouter>> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCClientError);
  return err as TRPCClientError<InventoryRouter>;
}

async function levels(sku: string) {
  const { items } = await admin.inventory.admin.list.query({ q: sku, limit: 10 });
  return items.find((i) => i.sku === sku);
}

async function receive(sku: string, quantity: number) {
  return admin.inventory.admin.adjust.mutate({ sku, kind: "receive", quantity, reason: "delivery" });
}

beforeAll(async () => {
  env = await startInventory();
  inventory = env.inventory;
  admin = userClient(inventory.url, env.issuer, "admin");
  internal = serviceClient(inventory.url);
  await inventory.deps.bus.publish(ProductCreated, product("p1", ["SVC-A", "SVC-B"]));
  await inventory.deps.bus.publish(ProductUpdated, product("p1", ["SVC-A", "SVC-B", "SVC-C"]));
  await eventually(async () => ((await levels("SVC-C")) ? true : undefined), "stock rows for the catalog's SKUs");
}, 30_000);

afterAll(async () => {
  await env?.dispose();
});

describe("stock rows and admin adjustments", () => {
  test("SKUs the catalog announces start at zero", async () => {
    const rows = await admin.inventory.admin.list.query({ q: "SVC-", limit: 10 });
    expect(rows.items.map((r) => [r.sku, r.onHand, r.reserved, r.available])).toEqual([
      ["SVC-A", 0, 0, 0],
      ["SVC-B", 0, 0, 0],
      ["SVC-C", 0, 0, 0],
    ]);
  });

  test("a receipt raises availability, is in the ledger with its actor, and announces the change", async () => {
    const after = await receive("SVC-A", 20);
    expect(after).toMatchObject({ sku: "SVC-A", onHand: 20, reserved: 0, available: 20 });
    const anon = clientFor(inventory.url);
    expect(await anon.inventory.availability.query({ skus: ["SVC-A", "NOPE"] })).toEqual([
      { sku: "SVC-A", available: 20, lowStock: false },
      { sku: "NOPE", available: 0, lowStock: false },
    ]);
    const [entry] = await admin.inventory.admin.ledger.query({ sku: "SVC-A", limit: 1 });
    expect(entry).toMatchObject({
      kind: "receive",
      deltaOnHand: 20,
      deltaReserved: 0,
      actor: "admin-1",
      reason: "delivery",
      onHandBefore: 0,
      onHandAfter: 20,
    });
    const changed = await eventually(async () => {
      const msgs = await streamMessages(inventory, "INVENTORY");
      return msgs.find((m) => m.subject === "inventory.stock.changed.v1" && m.data.sku === "SVC-A");
    }, "inventory.stock.changed.v1 for SVC-A");
    // It carries the SKU's threshold (#22), so a consumer can compare, and the ledger row's id
    // (#26), so a consumer that copies the level keeps the newest.
    const [latest] = (await inventory.deps.db.client.execute("SELECT max(id) AS id FROM ledger WHERE sku = 'SVC-A'"))
      .rows;
    expect(changed.data).toEqual({
      sku: "SVC-A",
      onHand: 20,
      reserved: 0,
      available: 20,
      threshold: 5,
      seq: Number(latest!.id),
    });
  });

  test("bad adjustments are 4xx naming the field and write nothing", async () => {
    await receive("SVC-B", 3);
    const ledgerBefore = await admin.inventory.admin.ledger.query({ sku: "SVC-B", limit: 500 });
    const cases = [
      { sku: "SVC-B", kind: "receive" as const, quantity: 0, reason: "x" },
      { sku: "SVC-B", kind: "receive" as const, quantity: 10_001, reason: "x" },
      { sku: "SVC-B", kind: "correct" as const, quantity: -4, reason: "count" },
      { sku: "SVC-B", kind: "correct" as const, quantity: 0, reason: "count" },
    ];
    for (const c of cases) {
      const err = await errorOf(admin.inventory.admin.adjust.mutate(c));
      expect(err.data?.code).toBe("BAD_REQUEST");
      expect(err.message).toContain("quantity");
      expect(err.data?.field).toBe("quantity");
    }
    const unknown = await errorOf(receive("NOPE", 1));
    expect(unknown.data?.code).toBe("NOT_FOUND");
    expect(unknown.message.startsWith("sku:")).toBe(true);
    expect(await admin.inventory.admin.ledger.query({ sku: "SVC-B", limit: 500 })).toEqual(ledgerBefore);
    expect(await levels("SVC-B")).toMatchObject({ onHand: 3, reserved: 0 });
  });

  test("a SKU's low-stock threshold is set in the admin (#22): bounded, raised over availability it is a crossing", async () => {
    // SVC-A has 20 available and the default threshold 5.
    for (const threshold of [-1, 10_001, 2.5]) {
      const err = await errorOf(admin.inventory.admin.setLowStockThreshold.mutate({ sku: "SVC-A", threshold }));
      expect(err.data?.code).toBe("BAD_REQUEST");
      expect(err.data?.field).toBe("threshold");
    }
    const unknown = await errorOf(admin.inventory.admin.setLowStockThreshold.mutate({ sku: "NOPE", threshold: 3 }));
    expect(unknown.data?.code).toBe("NOT_FOUND");
    expect(unknown.data?.field).toBe("sku");
    const lows = async () =>
      (await streamMessages(inventory, "INVENTORY")).filter(
        (m) => m.subject === "inventory.stock.low.v1" && m.data.sku === "SVC-A",
      );
    expect(await lows()).toHaveLength(0);
    // Lowered or still above availability: nothing is low.
    expect(await admin.inventory.admin.setLowStockThreshold.mutate({ sku: "SVC-A", threshold: 19 })).toMatchObject({
      lowStockThreshold: 19,
      lowStock: false,
    });
    // Raised to availability: low now, announced once.
    const low = await admin.inventory.admin.setLowStockThreshold.mutate({ sku: "SVC-A", threshold: 20 });
    expect(low).toMatchObject({ lowStockThreshold: 20, available: 20, lowStock: true });
    const [event] = await eventually(async () => {
      const found = await lows();
      return found.length > 0 ? found : undefined;
    }, "inventory.stock.low.v1 for SVC-A");
    expect(event?.data).toEqual({ sku: "SVC-A", available: 20, threshold: 20 });
    await admin.inventory.admin.setLowStockThreshold.mutate({ sku: "SVC-A", threshold: 25 });
    await Bun.sleep(300);
    expect(await lows()).toHaveLength(1);
    await admin.inventory.admin.setLowStockThreshold.mutate({ sku: "SVC-A", threshold: 5 });
  });

  test("a correction may not take on-hand below what is reserved", async () => {
    await receive("SVC-C", 5);
    await publishEnvelope(inventory.deps.bus, orderPlaced("ord-hold", [{ sku: "SVC-C", quantity: 4 }]));
    await eventually(async () => ((await levels("SVC-C"))?.reserved === 4 ? true : undefined), "the hold");
    const err = await errorOf(
      admin.inventory.admin.adjust.mutate({ sku: "SVC-C", kind: "correct", quantity: -2, reason: "count" }),
    );
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/^quantity: .*reserved/);
    const ok = await admin.inventory.admin.adjust.mutate({
      sku: "SVC-C",
      kind: "correct",
      quantity: -1,
      reason: "count",
    });
    expect(ok).toMatchObject({ onHand: 4, reserved: 4, available: 0 });
  });

  test("only admins adjust and read the books; only services call internals", async () => {
    const customer = userClient(inventory.url, env.issuer, "customer");
    expect((await errorOf(customer.inventory.admin.list.query({ limit: 5 }))).data?.code).toBe("FORBIDDEN");
    expect((await errorOf(clientFor(inventory.url).inventory.admin.list.query({ limit: 5 }))).data?.code).toBe(
      "UNAUTHORIZED",
    );
    expect((await errorOf(admin.inventory.internal.totals.query())).data?.code).toBe("UNAUTHORIZED");
  });

  test("availability takes at most 100 SKUs", async () => {
    const skus = Array.from({ length: 101 }, (_, i) => `S${i}`);
    const err = await errorOf(clientFor(inventory.url).inventory.availability.query({ skus }));
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.message).toContain("skus");
  });

  test("the admin list pages by cursor and filters low stock", async () => {
    const first = await admin.inventory.admin.list.query({ q: "SVC-", limit: 2 });
    expect(first.items.map((i) => i.sku)).toEqual(["SVC-A", "SVC-B"]);
    const second = await admin.inventory.admin.list.query({ q: "SVC-", limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.sku)).toEqual(["SVC-C"]);
    expect(second.nextCursor).toBeNull();
    const stale = await errorOf(admin.inventory.admin.list.query({ q: "SVC-", limit: 2, cursor: "SVC-A" }));
    expect(stale.data?.code).toBe("BAD_REQUEST");
    expect(stale.data?.field).toBe("cursor");
    const low = await admin.inventory.admin.list.query({ q: "SVC-", lowOnly: true, limit: 10 });
    expect(low.items.every((i) => i.lowStock && i.available <= i.lowStockThreshold)).toBe(true);
    expect(low.items.map((i) => i.sku)).not.toContain("SVC-A");
  });
});

describe("the checkout saga", () => {
  async function reservation(orderId: string, status: string) {
    return eventually(async () => {
      const r = await internal.inventory.internal.reservationFor.query({ orderId });
      return r?.status === status ? r : undefined;
    }, `reservation of ${orderId} to be ${status}`);
  }
  async function outcome(subject: string, orderId: string) {
    return eventually(async () => {
      const msgs = await streamMessages(inventory, "INVENTORY");
      return msgs.find((m) => m.subject === subject && m.data.orderId === orderId);
    }, `${subject} for ${orderId}`);
  }

  test("placed → reserved, paid → committed, cancelled after payment → restocked", async () => {
    await inventory.deps.bus.publish(ProductCreated, product("p-saga", ["SAGA-1"]));
    await eventually(async () => ((await levels("SAGA-1")) ? true : undefined), "SAGA-1 stock");
    await receive("SAGA-1", 10);
    const lines = [
      { sku: "SAGA-1", quantity: 2 },
      { sku: "SAGA-1", quantity: 1 },
    ];

    await publishEnvelope(inventory.deps.bus, orderPlaced("ord-1", lines));
    const reserved = await outcome("inventory.reserved.v1", "ord-1");
    expect(reserved.data.lines).toEqual([{ sku: "SAGA-1", quantity: 3 }]);
    expect((await reservation("ord-1", "active")).lines).toEqual([{ sku: "SAGA-1", quantity: 3 }]);
    expect(await levels("SAGA-1")).toMatchObject({ onHand: 10, reserved: 3, available: 7 });

    await publishEnvelope(inventory.deps.bus, orderPaid("ord-1", lines));
    await outcome("inventory.committed.v1", "ord-1");
    await reservation("ord-1", "committed");
    expect(await levels("SAGA-1")).toMatchObject({ onHand: 7, reserved: 0, available: 7 });

    await publishEnvelope(inventory.deps.bus, orderCancelled("ord-1", true));
    await outcome("inventory.restocked.v1", "ord-1");
    expect(await levels("SAGA-1")).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
  });

  test("an unpaid cancel releases the hold; low stock is announced once on the way down", async () => {
    await inventory.deps.bus.publish(ProductCreated, product("p-low", ["LOW-1"]));
    await eventually(async () => ((await levels("LOW-1")) ? true : undefined), "LOW-1 stock");
    await receive("LOW-1", 8);
    await publishEnvelope(inventory.deps.bus, orderPlaced("ord-low", [{ sku: "LOW-1", quantity: 4 }]));
    await outcome("inventory.reserved.v1", "ord-low");
    const low = await eventually(async () => {
      const msgs = await streamMessages(inventory, "INVENTORY");
      return msgs.find((m) => m.subject === "inventory.stock.low.v1" && m.data.sku === "LOW-1");
    }, "inventory.stock.low.v1");
    expect(low.data).toEqual({ sku: "LOW-1", available: 4, threshold: 5 });

    await publishEnvelope(inventory.deps.bus, orderCancelled("ord-low", false));
    const released = await outcome("inventory.released.v1", "ord-low");
    expect(released.data.reason).toBe("test");
    expect(await levels("LOW-1")).toMatchObject({ onHand: 8, reserved: 0, available: 8 });
    const lows = (await streamMessages(inventory, "INVENTORY")).filter(
      (m) => m.subject === "inventory.stock.low.v1" && m.data.sku === "LOW-1",
    );
    expect(lows).toHaveLength(1);
  });

  test("an order for an unknown SKU is rejected with nothing available, and reserves nothing", async () => {
    await receive("SVC-A", 1);
    const before = await levels("SVC-A");
    await publishEnvelope(
      inventory.deps.bus,
      orderPlaced("ord-unknown", [
        { sku: "SVC-A", quantity: 1 },
        { sku: "GHOST", quantity: 2 },
      ]),
    );
    const rejected = await outcome("inventory.reservation.rejected.v1", "ord-unknown");
    expect(rejected.data.shortages).toEqual([{ sku: "GHOST", requested: 2, available: 0 }]);
    expect(await levels("SVC-A")).toEqual(before);
    expect((await reservation("ord-unknown", "rejected")).shortages).toEqual(rejected.data.shortages as never);
  });

  test("the books balance", async () => {
    const totals = await internal.inventory.internal.totals.query();
    expect(totals.skus.length).toBeGreaterThan(3);
    expect(totals.balanced).toBe(true);
    for (const s of totals.skus) {
      expect(s.ledgerOnHand).toBe(s.onHand);
      expect(s.ledgerReserved).toBe(s.reserved);
    }
  });
});

describe("live stock", () => {
  test("the subscription yields current levels, then a change", async () => {
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ skus: ["SVC-B"] })));
    const abort = new AbortController();
    const res = await fetch(`${inventory.url}/trpc/inventory.onStockChanged?input=${input}`, {
      headers: { accept: "text/event-stream" },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const seen: { sku: string; available: number }[] = [];
    let buffer = "";
    const nextValue = async () => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split("\n").find((l) => l.startsWith("data: "));
          if (!data || /^event: (ping|connected)/m.test(frame)) continue;
          const parsed = superjson.deserialize<{ sku: string; available: number }>(JSON.parse(data.slice(6)));
          seen.push(parsed);
          return parsed;
        }
        if (Date.now() > deadline) throw new Error("no stock change within 10 s");
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        buffer += value;
      }
    };
    try {
      expect(await nextValue()).toEqual({ sku: "SVC-B", available: 3, lowStock: true } as never);
      await receive("SVC-A", 1); // another SKU: not for this subscriber
      await receive("SVC-B", 7);
      expect(await nextValue()).toEqual({ sku: "SVC-B", available: 10, lowStock: false } as never);
    } finally {
      abort.abort();
    }
    expect(seen.map((s) => s.sku)).toEqual(["SVC-B", "SVC-B"]);
  });

  test("every stream of the process shares one NATS subscription; one client address holds at most 20", async () => {
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ skus: ["SVC-C"] })));
    const open = (address: string, abort: AbortController) =>
      fetch(`${inventory.url}/trpc/inventory.onStockChanged?input=${input}`, {
        headers: { accept: "text/event-stream", "x-forwarded-for": `10.9.9.9, ${address}` },
        signal: abort.signal,
      });
    const aborts = Array.from({ length: 20 }, () => new AbortController());
    const first = await open("203.0.113.9", aborts[0]!);
    const firstReader = first.body!.pipeThrough(new TextDecoderStream()).getReader();
    await firstReader.read();
    const rest = await Promise.all(aborts.slice(1).map((a) => open("203.0.113.9", a)));
    try {
      expect([first, ...rest].every((r) => r.status === 200)).toBe(true);
      const feed = inventory.deps.stockFeed;
      await eventually(async () => (feed.listeners === 20 ? true : undefined), "20 streams listening");
      expect(feed.natsSubscriptions).toBe(1);

      // The 21st from the same address (the gateway's entry is the last one) is refused...
      const over = new AbortController();
      const refused = await open("203.0.113.9", over);
      const body = await refused.text();
      over.abort();
      expect(body).toContain("TOO_MANY_REQUESTS");
      expect(body).toContain('"field":"stream"');
      // ...while another address is not.
      const other = new AbortController();
      const fine = await open("198.51.100.9", other);
      expect(fine.status).toBe(200);
      other.abort();

      // One change reaches the streams through the one subscription.
      const before = (await levels("SVC-C"))!.available;
      await receive("SVC-C", 2);
      const expected = `"sku":"SVC-C","available":${before + 2}`;
      let text = "";
      while (!text.includes(expected)) {
        const { value, done } = await firstReader.read();
        if (done) break;
        text += value;
      }
      expect(text).toContain(expected);
    } finally {
      for (const a of aborts) a.abort();
    }
    // Closed streams give their places back.
    await eventually(async () => (inventory.deps.stockFeed.listeners === 0 ? true : undefined), "streams closed");
    const again = new AbortController();
    const reopened = await open("203.0.113.9", again);
    expect(reopened.status).toBe(200);
    const reader = reopened.body!.pipeThrough(new TextDecoderStream()).getReader();
    const { value } = await reader.read();
    again.abort();
    expect(value).not.toContain("TOO_MANY_REQUESTS");
  }, 60_000);
});

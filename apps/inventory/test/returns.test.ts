// Issue #19 on the inventory side: cancelled lines give their units back (released while held,
// restocked once paid), a received return puts its undamaged units back on hand with ledger
// entries naming the return (damaged ones recorded with no change), an exchange's replacement
// leaves the stock when it ships; every one once, however often the event is delivered.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Envelope, ProductCreated } from "@mercato/events";
import { eq } from "drizzle-orm";
import { ledger } from "../src/db/schema.ts";
import { removeLines, returnMovements } from "../src/domain/reservation.ts";
import { eventually, type InventoryUnderTest, serviceClient, startInventory, userClient } from "./helpers.ts";
import {
  linesCancelled,
  orderCancelled,
  orderPaid,
  orderPlaced,
  publishEnvelope,
  returnReceived,
  shipmentShipped,
} from "./orders.ts";

let env: Awaited<ReturnType<typeof startInventory>>;
let inventory: InventoryUnderTest;
let admin: ReturnType<typeof userClient>;
let internal: ReturnType<typeof serviceClient>;
const SKUS = ["RET-A", "RET-B", "RET-C"];

async function levels(sku: string) {
  const { items } = await admin.inventory.admin.list.query({ q: sku, limit: 10 });
  const row = items.find((i) => i.sku === sku);
  return row && { onHand: row.onHand, reserved: row.reserved };
}

async function movesOf(orderId: string) {
  const rows = await inventory.deps.db.orm.select().from(ledger).where(eq(ledger.orderId, orderId));
  return rows.map((r) => ({
    sku: r.sku,
    kind: r.kind,
    onHand: r.deltaOnHand,
    reserved: r.deltaReserved,
    reason: r.reason,
  }));
}

/** Waits until every event published so far is handled (the consumer has nothing pending). */
async function handled() {
  await eventually(async () => {
    const info = await inventory.deps.bus.jsm.consumers.info("ORDERS", "inventory-orders");
    return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
  }, "orders events handled");
}

/** Publishes an event twice (a redelivery: JetStream sees another message id). */
async function twice(event: Envelope) {
  await publishEnvelope(inventory.deps.bus, event);
  await publishEnvelope(inventory.deps.bus, event, `${event.id}-again`);
  await handled();
}

async function paidOrder(orderId: string, lines: { sku: string; quantity: number }[]) {
  await publishEnvelope(inventory.deps.bus, orderPlaced(orderId, lines));
  await publishEnvelope(inventory.deps.bus, orderPaid(orderId, lines));
  await eventually(async () => {
    const r = await internal.inventory.internal.reservationFor.query({ orderId });
    return r?.status === "committed" ? r : undefined;
  }, `${orderId} committed`);
}

beforeAll(async () => {
  env = await startInventory();
  inventory = env.inventory;
  admin = userClient(inventory.url, env.issuer, "admin");
  internal = serviceClient(inventory.url);
  await inventory.deps.bus.publish(ProductCreated, {
    productId: "ret",
    slug: "ret",
    title: "Returns",
    status: "active",
    categoryIds: [],
    variants: SKUS.map((sku) => ({ sku, price: 1000, currency: "EUR" as const })),
  });
  for (const sku of SKUS) {
    await eventually(async () => await levels(sku), `${sku} stock row`);
    await admin.inventory.admin.adjust.mutate({ sku, kind: "receive", quantity: 20, reason: "delivery" });
  }
}, 30_000);

afterAll(async () => {
  await env?.dispose();
});

describe("the pure parts", () => {
  test("removeLines takes at most what is held, per SKU", () => {
    const held = [
      { sku: "A", quantity: 3 },
      { sku: "B", quantity: 1 },
    ];
    expect(removeLines(held, [{ sku: "A", quantity: 1 }])).toEqual({
      taken: [{ sku: "A", quantity: 1 }],
      remaining: [
        { sku: "A", quantity: 2 },
        { sku: "B", quantity: 1 },
      ],
    });
    expect(
      removeLines(held, [
        { sku: "B", quantity: 5 },
        { sku: "Z", quantity: 1 },
      ]),
    ).toEqual({ taken: [{ sku: "B", quantity: 1 }], remaining: [{ sku: "A", quantity: 3 }] });
  });

  test("returnMovements restocks received − damaged and never more damaged than received", () => {
    expect(
      returnMovements([
        { sku: "B", received: 2, damaged: 1 },
        { sku: "A", received: 1, damaged: 5 },
        { sku: "C", received: 0, damaged: 0 },
      ]),
    ).toEqual([
      { sku: "A", restock: 0, damaged: 1 },
      { sku: "B", restock: 1, damaged: 1 },
    ]);
  });
});

describe("cancelled lines", () => {
  test("of a paid order are restocked once; a later whole cancel restocks only the rest", async () => {
    const before = { a: (await levels("RET-A"))!, b: (await levels("RET-B"))! };
    await paidOrder("lc-1", [
      { sku: "RET-A", quantity: 3 },
      { sku: "RET-B", quantity: 1 },
    ]);
    expect(await levels("RET-A")).toEqual({ onHand: before.a.onHand - 3, reserved: before.a.reserved });

    await twice(linesCancelled("lc-1", [{ sku: "RET-A", quantity: 2 }]));
    expect(await levels("RET-A")).toEqual({ onHand: before.a.onHand - 1, reserved: before.a.reserved });
    const r = await internal.inventory.internal.reservationFor.query({ orderId: "lc-1" });
    expect(r).toMatchObject({
      status: "committed",
      lines: [
        { sku: "RET-A", quantity: 1 },
        { sku: "RET-B", quantity: 1 },
      ],
    });

    await twice(orderCancelled("lc-1", true));
    expect(await levels("RET-A")).toEqual(before.a);
    expect(await levels("RET-B")).toEqual(before.b);
    const restocks = (await movesOf("lc-1")).filter((m) => m.kind === "restock");
    expect(restocks.map((m) => [m.sku, m.onHand])).toEqual([
      ["RET-A", 2],
      ["RET-A", 1],
      ["RET-B", 1],
    ]);
    expect(restocks[0]!.reason).toStartWith("lines cancelled: ");
  });

  test("still held (not yet paid) are released from the reservation", async () => {
    const before = (await levels("RET-C"))!;
    await publishEnvelope(inventory.deps.bus, orderPlaced("lc-2", [{ sku: "RET-C", quantity: 4 }]));
    await eventually(
      async () => ((await levels("RET-C"))?.reserved === before.reserved + 4 ? true : undefined),
      "the hold",
    );
    await twice(linesCancelled("lc-2", [{ sku: "RET-C", quantity: 4 }], false));
    expect(await levels("RET-C")).toEqual(before);
    expect((await internal.inventory.internal.reservationFor.query({ orderId: "lc-2" }))?.status).toBe("released");
  });
});

describe("a received return", () => {
  test("restocks the undamaged unit naming the return; the damaged one changes nothing; once", async () => {
    await paidOrder("rr-1", [{ sku: "RET-B", quantity: 2 }]);
    const before = (await levels("RET-B"))!;
    await twice(returnReceived("rr-1", "ret_1", "R-rr-1-1", [{ sku: "RET-B", quantity: 2, received: 2, damaged: 1 }]));
    expect(await levels("RET-B")).toEqual({ onHand: before.onHand + 1, reserved: before.reserved });
    const moves = (await movesOf("rr-1")).filter((m) => m.kind === "return" || m.kind === "damaged");
    expect(moves).toEqual([
      { sku: "RET-B", kind: "return", onHand: 1, reserved: 0, reason: "return R-rr-1-1: received undamaged" },
      {
        sku: "RET-B",
        kind: "damaged",
        onHand: 0,
        reserved: 0,
        reason: "return R-rr-1-1: 1 received damaged, not restocked",
      },
    ]);
    const totals = await internal.inventory.internal.totals.query();
    expect(totals.balanced).toBe(true);
  });
});

describe("an exchange's replacement", () => {
  test("leaves the stock when it ships, naming the return, once; the order's own shipments move nothing", async () => {
    await paidOrder("ex-1", [{ sku: "RET-A", quantity: 1 }]);
    const a = (await levels("RET-A"))!;
    const c = (await levels("RET-C"))!;
    await twice(shipmentShipped("ex-1", "shp_1", [{ sku: "RET-A", quantity: 1 }], null));
    expect(await levels("RET-A")).toEqual(a);
    await twice(shipmentShipped("ex-1", "shp_2", [{ sku: "RET-C", quantity: 1 }], "ret_9"));
    expect(await levels("RET-C")).toEqual({ onHand: c.onHand - 1, reserved: c.reserved });
    const commit = (await movesOf("ex-1")).filter((m) => m.sku === "RET-C");
    expect(commit).toEqual([
      { sku: "RET-C", kind: "commit", onHand: -1, reserved: 0, reason: "exchange for return ret_9: shipped (shp_2)" },
    ]);
  });
});

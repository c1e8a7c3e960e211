import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ProductCreated } from "@mercato/events";
import { and, eq, like } from "drizzle-orm";
import { applyAdjustment } from "../src/app/adjust.ts";
import { reserveOrder } from "../src/app/reserve.ts";
import { books } from "../src/db/queries.ts";
import { ledger, reservations, stock } from "../src/db/schema.ts";
import { eventually, type InventoryUnderTest, startInventory, streamMessages } from "./helpers.ts";
import { orderPlaced, publishEnvelope } from "./orders.ts";

let env: Awaited<ReturnType<typeof startInventory>>;
let inventory: InventoryUnderTest;

const ORDERS = 300;
const UNITS = 50;
/** 1–3 units per order, spread deterministically so runs are comparable. */
const quantityOf = (i: number) => ((i * 7) % 3) + 1;

beforeAll(async () => {
  env = await startInventory();
  inventory = env.inventory;
}, 30_000);

afterAll(async () => {
  await env?.dispose();
});

async function createStock(sku: string, units: number) {
  await inventory.deps.bus.publish(ProductCreated, {
    productId: sku,
    slug: sku,
    title: sku,
    status: "active",
    categoryIds: [],
    variants: [{ sku, price: 100, currency: "EUR" }],
  });
  await eventually(async () => {
    const [row] = await inventory.deps.db.orm.select().from(stock).where(eq(stock.sku, sku));
    return row;
  }, `stock row ${sku}`);
  await inventory.deps.db.write((tx) =>
    applyAdjustment(tx, { sku, kind: "receive", quantity: units, reason: "test", actor: "tester", now: new Date() }),
  );
}

/** What must hold after a burst of orders against one SKU, from the tables themselves. */
async function expectFairOutcome(sku: string, orderPrefix: string) {
  const db = inventory.deps.db.orm;
  const [level] = await db.select().from(stock).where(eq(stock.sku, sku));
  const rows = await db
    .select()
    .from(reservations)
    .where(like(reservations.orderId, `${orderPrefix}%`));
  expect(rows).toHaveLength(ORDERS); // one answer per order, however often it was asked
  const held = rows.filter((r) => r.status === "active");
  const refused = rows.filter((r) => r.status === "rejected");
  expect(held.length + refused.length).toBe(ORDERS);
  const heldUnits = held.reduce((n, r) => n + r.lines[0]!.quantity, 0);
  const available = level!.onHand - level!.reserved;
  expect(available).toBeGreaterThanOrEqual(0);
  expect(level!.reserved).toBe(heldUnits);
  expect(level!.onHand).toBe(UNITS);
  // Exactly the orders that fit succeed: stock only went down, so each refusal asked for more
  // than what is left even now, and everything that could be held was.
  const smallestRefusal = Math.min(...refused.map((r) => r.lines[0]!.quantity));
  expect(available).toBeLessThan(smallestRefusal);
  for (const r of refused) expect(r.shortages![0]!.available).toBeLessThan(r.shortages![0]!.requested);

  const moves = await db
    .select()
    .from(ledger)
    .where(and(eq(ledger.sku, sku), eq(ledger.kind, "reserve")));
  expect(moves).toHaveLength(held.length);
  expect(new Set(moves.map((m) => m.orderId)).size).toBe(held.length); // no order reserved twice
  const sheet = (await books(inventory.deps.db)).find((b) => b.sku === sku);
  expect(sheet).toMatchObject({ balanced: true, onHand: UNITS, reserved: heldUnits });
  return { held, refused };
}

describe("300 orders racing for 50 units", () => {
  test("through NATS (concurrency 8, duplicates and redeliveries): exactly what fits is reserved, once", async () => {
    const sku = "HOT-NATS";
    await createStock(sku, UNITS);
    const events = Array.from({ length: ORDERS }, (_, i) =>
      orderPlaced(`nats-${i}`, [{ sku, quantity: quantityOf(i) }]),
    );
    const bus = inventory.deps.bus;
    await Promise.all([
      ...events.map((e) => publishEnvelope(bus, e)),
      // The same order placed again under a new event id (e.g. a re-published outbox row)...
      ...events.slice(0, 40).map((e) => publishEnvelope(bus, orderPlaced(e.data.orderId, e.data.lines))),
      // ...and the very same event delivered twice (JetStream sees a new message id).
      ...events.slice(40, 80).map((e) => publishEnvelope(bus, e, `${e.id}:again`)),
    ]);
    await eventually(
      async () => {
        const info = await inventory.deps.bus.jsm.consumers.info("ORDERS", "inventory-orders");
        return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq > 0 ? true : undefined;
      },
      "the inventory consumer to handle every orders.placed",
      30_000,
    );
    const { held, refused } = await expectFairOutcome(sku, "nats-");

    // Every outcome is announced once through the outbox, and only one outcome per order.
    await inventory.deps.relay.drain();
    const outcomes = (await streamMessages(inventory, "INVENTORY")).filter(
      (m) =>
        (m.subject === "inventory.reserved.v1" || m.subject === "inventory.reservation.rejected.v1") &&
        String(m.data.orderId).startsWith("nats-"),
    );
    expect(outcomes.filter((m) => m.subject === "inventory.reserved.v1")).toHaveLength(held.length);
    expect(outcomes.filter((m) => m.subject === "inventory.reservation.rejected.v1")).toHaveLength(refused.length);
    expect(new Set(outcomes.map((m) => m.data.orderId)).size).toBe(ORDERS);
  }, 40_000);

  test("calling the reservation function concurrently (with repeats): exactly what fits is reserved, once", async () => {
    const sku = "HOT-DIRECT";
    await createStock(sku, UNITS);
    const db = inventory.deps.db;
    const attempt = (i: number) =>
      db.write((tx) =>
        reserveOrder(tx, {
          orderId: `direct-${i}`,
          lines: [{ sku, quantity: quantityOf(i) }],
          ttlMs: 60_000,
          now: new Date(),
        }),
      );
    const results = await Promise.all([
      ...Array.from({ length: ORDERS }, (_, i) => attempt(i)),
      ...Array.from({ length: 60 }, (_, i) => attempt(i * 5)),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(ORDERS);
    // A repeat answers with the first reservation (same id), whatever it was.
    for (let i = 0; i < 60; i++) {
      expect(results[ORDERS + i]!.reservation.id).toBe(results[i * 5]!.reservation.id);
    }
    await expectFairOutcome(sku, "direct-");
  }, 20_000);
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { outbox, ProductCreated, ProductUpdated } from "@mercato/events";
import { and, eq, isNull } from "drizzle-orm";
import { sweepExpired } from "../src/app/settle.ts";
import { ledger, reservations, stock } from "../src/db/schema.ts";
import { DEMO_SEED_CORRELATION_ID, demoQuantity } from "../src/domain/demo-stock.ts";
import { eventually, type InventoryUnderTest, startInventory, streamMessages } from "./helpers.ts";
import { orderCancelled, orderPaid, orderPlaced, publishEnvelope } from "./orders.ts";

let env: Awaited<ReturnType<typeof startInventory>>;
let inventory: InventoryUnderTest;
const TTL_MS = 1_000;

// Demo SKUs: the first with plenty of stock, for orders.
const SKUS = Array.from({ length: 30 }, (_, i) => `DEMO-${i}`);
const ROOMY = SKUS.find((s) => demoQuantity(s) >= 10)!;

function product(skus: string[]) {
  return {
    productId: "demo",
    slug: "demo",
    title: "Demo",
    status: "active" as const,
    categoryIds: [],
    variants: skus.map((sku) => ({ sku, price: 100, currency: "EUR" as const })),
  };
}

async function levels(sku: string) {
  const [row] = await inventory.deps.db.orm.select().from(stock).where(eq(stock.sku, sku));
  return row;
}

async function reservationOf(orderId: string, status: string) {
  return eventually(async () => {
    const [r] = await inventory.deps.db.orm.select().from(reservations).where(eq(reservations.orderId, orderId));
    return r?.status === status ? r : undefined;
  }, `${orderId} to be ${status}`);
}

/** Waits until the relay has published everything, then reads the stream. */
async function publishedEvents() {
  await eventually(async () => {
    const pending = await inventory.deps.db.orm.select().from(outbox).where(isNull(outbox.sentAt));
    return pending.length === 0 ? true : undefined;
  }, "the outbox to drain");
  return streamMessages(inventory, "INVENTORY");
}

beforeAll(async () => {
  env = await startInventory({
    RESERVATION_TTL_MS: String(TTL_MS),
    GUEST_RESERVATION_TTL_MS: String(TTL_MS),
    EXPIRY_SWEEP_MS: "50",
    SEED_DEMO: "true",
  });
  inventory = env.inventory;
  // As the catalog's demo seed announces its products (its correlation id marks them).
  await inventory.deps.bus.publish(ProductCreated, product(SKUS.slice(0, 20)), {
    correlationId: DEMO_SEED_CORRELATION_ID,
  });
  await inventory.deps.bus.publish(ProductUpdated, product(SKUS), { correlationId: DEMO_SEED_CORRELATION_ID });
  await eventually(async () => await levels(SKUS.at(-1)!), "demo stock rows");
}, 30_000);

afterAll(async () => {
  await env?.dispose();
});

describe("demo stock (SEED_DEMO=true)", () => {
  test("each SKU the catalog announces receives its demo quantity once, as a 'demo stock' receipt", async () => {
    await inventory.deps.bus.publish(ProductUpdated, product(SKUS)); // announced again: no second receipt
    await eventually(async () => {
      const info = await inventory.deps.bus.jsm.consumers.info("CATALOG", "inventory-catalog");
      return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
    }, "catalog events handled");
    for (const sku of SKUS) {
      expect((await levels(sku))?.onHand).toBe(demoQuantity(sku));
      const moves = await inventory.deps.db.orm.select().from(ledger).where(eq(ledger.sku, sku));
      expect(moves.map((m) => [m.kind, m.reason, m.deltaOnHand])).toEqual(
        demoQuantity(sku) > 0 ? [["receive", "demo stock", demoQuantity(sku)]] : [],
      );
    }
  });
});

describe("SKUs created outside the demo seed (SEED_DEMO=true)", () => {
  test("an admin's product and a later variant of a demo product start at zero, with no ledger entry", async () => {
    const adminSkus = ["ADMIN-NEW-1", "ADMIN-NEW-2"];
    // An admin's create (its correlation id is the admin request's) and a variant added to a demo product.
    await inventory.deps.bus.publish(
      ProductCreated,
      { ...product(adminSkus), productId: "admin-made", slug: "admin-made" },
      { correlationId: "req-admin-1" },
    );
    await inventory.deps.bus.publish(ProductUpdated, product([...SKUS, "DEMO-LATER"]));
    const skus = [...adminSkus, "DEMO-LATER"];
    for (const sku of skus) {
      // The SKUs would be given 0..40 units by their hash: at least one of them would get some.
      expect(await eventually(async () => await levels(sku), `a stock row for ${sku}`)).toMatchObject({
        onHand: 0,
        reserved: 0,
      });
      expect(await inventory.deps.db.orm.select().from(ledger).where(eq(ledger.sku, sku))).toEqual([]);
    }
    expect(skus.some((sku) => demoQuantity(sku) > 0)).toBe(true);
  });
});

describe("reservations expire after their TTL", () => {
  test("an unpaid reservation is released after the TTL and its expiry published exactly once", async () => {
    const before = await levels(ROOMY);
    const placedAt = Date.now();
    await publishEnvelope(inventory.deps.bus, orderPlaced("exp-1", [{ sku: ROOMY, quantity: 2 }]));
    const held = await reservationOf("exp-1", "active");
    expect((await levels(ROOMY))?.reserved).toBe(before!.reserved + 2);

    const expired = await reservationOf("exp-1", "expired");
    expect(expired.updatedAt.getTime() - placedAt).toBeGreaterThanOrEqual(TTL_MS - 5);
    expect(await levels(ROOMY)).toMatchObject({ onHand: before!.onHand, reserved: before!.reserved });
    const [move] = await inventory.deps.db.orm
      .select()
      .from(ledger)
      .where(and(eq(ledger.orderId, "exp-1"), eq(ledger.kind, "expire")));
    expect(move).toMatchObject({ deltaReserved: -2, deltaOnHand: 0, actor: "system" });

    // Sweepers racing the service's own find nothing left to do.
    const again = await Promise.all(
      [1, 2, 3].map(() => sweepExpired(inventory.deps.db, new Date(Date.now() + 60_000))),
    );
    expect(again).toEqual([0, 0, 0]);
    await Bun.sleep(150); // a few more ticks of the service's sweeper
    const expiries = (await publishedEvents()).filter(
      (m) => m.subject === "inventory.reservation.expired.v1" && m.data.orderId === "exp-1",
    );
    expect(expiries).toHaveLength(1);
    expect(expiries[0]!.data).toEqual({ orderId: "exp-1", reservationId: held.id });
  });

  test("a cancel after expiry changes nothing; a payment after expiry takes free stock", async () => {
    await publishEnvelope(inventory.deps.bus, orderPlaced("exp-2", [{ sku: ROOMY, quantity: 1 }]));
    await reservationOf("exp-2", "expired");
    const before = await levels(ROOMY);
    await publishEnvelope(inventory.deps.bus, orderPaid("exp-2", [{ sku: ROOMY, quantity: 1 }]));
    await reservationOf("exp-2", "committed");
    expect(await levels(ROOMY)).toMatchObject({ onHand: before!.onHand - 1, reserved: before!.reserved });

    await publishEnvelope(inventory.deps.bus, orderPlaced("exp-3", [{ sku: ROOMY, quantity: 1 }]));
    await reservationOf("exp-3", "expired");
    const settled = await levels(ROOMY);
    await publishEnvelope(inventory.deps.bus, orderCancelled("exp-3", false));
    await eventually(async () => {
      const info = await inventory.deps.bus.jsm.consumers.info("ORDERS", "inventory-orders");
      return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
    }, "the cancel to be handled");
    expect(await levels(ROOMY)).toMatchObject({ onHand: settled!.onHand, reserved: settled!.reserved });
    const events = await publishedEvents();
    expect(events.filter((m) => m.data.orderId === "exp-3").map((m) => m.subject)).toEqual([
      "inventory.reserved.v1",
      "inventory.reservation.expired.v1",
    ]);
  });
});

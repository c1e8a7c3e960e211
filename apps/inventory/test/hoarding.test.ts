import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { PaymentAttemptStarted, ProductCreated } from "@mercato/events";
import { eq } from "drizzle-orm";
import { reservations, stock } from "../src/db/schema.ts";
import { DEMO_SEED_CORRELATION_ID, demoQuantity } from "../src/domain/demo-stock.ts";
import { eventually, type InventoryUnderTest, startInventory } from "./helpers.ts";
import { orderPlaced, publishEnvelope } from "./orders.ts";

let env: Awaited<ReturnType<typeof startInventory>>;
let inventory: InventoryUnderTest;
const GUEST_TTL_MS = 400;
const TTL_MS = 60_000;
const SKU = Array.from({ length: 30 }, (_, i) => `DEMO-${i}`).find((s) => demoQuantity(s) >= 10)!;

async function reservationOf(orderId: string, status?: string) {
  return eventually(
    async () => {
      const [r] = await inventory.deps.db.orm.select().from(reservations).where(eq(reservations.orderId, orderId));
      return r && (!status || r.status === status) ? r : undefined;
    },
    `${orderId} to be ${status ?? "reserved"}`,
  );
}

beforeAll(async () => {
  env = await startInventory({
    RESERVATION_TTL_MS: String(TTL_MS),
    GUEST_RESERVATION_TTL_MS: String(GUEST_TTL_MS),
    EXPIRY_SWEEP_MS: "50",
    SEED_DEMO: "true",
  });
  inventory = env.inventory;
  await inventory.deps.bus.publish(
    ProductCreated,
    {
      productId: "demo",
      slug: "demo",
      title: "Demo",
      status: "active",
      categoryIds: [],
      variants: [{ sku: SKU, price: 100, currency: "EUR" }],
    },
    { correlationId: DEMO_SEED_CORRELATION_ID },
  );
  await eventually(async () => {
    const [row] = await inventory.deps.db.orm.select().from(stock).where(eq(stock.sku, SKU));
    return row;
  }, "demo stock");
}, 30_000);

afterAll(async () => {
  await env?.dispose();
});

describe("stock hoarding", () => {
  test("a guest's unpaid order holds its stock only for GUEST_RESERVATION_TTL_MS; a signed-in one keeps the TTL", async () => {
    const placedAt = Date.now();
    await publishEnvelope(inventory.deps.bus, orderPlaced("guest-1", [{ sku: SKU, quantity: 1 }]));
    const held = await reservationOf("guest-1");
    expect(held.expiresAt.getTime() - placedAt).toBeLessThan(GUEST_TTL_MS + 1_000);
    await reservationOf("guest-1", "expired");

    const user = orderPlaced("user-1", [{ sku: SKU, quantity: 1 }]);
    user.data.userId = "shopper-1";
    await publishEnvelope(inventory.deps.bus, user);
    const kept = await reservationOf("user-1", "active");
    expect(kept.expiresAt.getTime() - Date.now()).toBeGreaterThan(TTL_MS - 5_000);
  });

  test("a payment attempt extends a guest's hold to the full TTL", async () => {
    await publishEnvelope(inventory.deps.bus, orderPlaced("guest-pays", [{ sku: SKU, quantity: 1 }]));
    await reservationOf("guest-pays", "active");
    await inventory.deps.bus.publish(
      PaymentAttemptStarted,
      { paymentId: "pay-1", orderId: "guest-pays", provider: "test" },
      { key: "guest-pays" },
    );
    const extended = await eventually(async () => {
      const r = await reservationOf("guest-pays");
      return r.expiresAt.getTime() - Date.now() > TTL_MS - 5_000 ? r : undefined;
    }, "the hold to be extended");
    expect(extended.status).toBe("active");
    await Bun.sleep(GUEST_TTL_MS * 2);
    expect((await reservationOf("guest-pays")).status).toBe("active");
  });
});

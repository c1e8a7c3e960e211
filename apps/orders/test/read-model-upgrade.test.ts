import { afterAll, beforeAll, expect, test } from "bun:test";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createDatabase, type Database } from "@mercato/db";
import { tempDir } from "@mercato/testing";
import { asc, sql } from "drizzle-orm";
import * as schema from "../src/db/schema.ts";
import { orderEvents, orderViews } from "../src/db/schema.ts";
import { parseOrderEvent } from "../src/domain/events.ts";
import { fold, type OrderState } from "../src/domain/order.ts";
import { orderView } from "../src/projections/order-view.ts";
import { rebuildProjections } from "../src/projections/rebuild.ts";

/**
 * A database from before regions, upgraded by the migrations: its read models must read as a
 * rebuild from the events makes them (no region, no shipping method, no tax lines), so nothing
 * has to be rebuilt by hand after the upgrade.
 */
const MIGRATIONS = Bun.fileURLToPath(new URL("../drizzle", import.meta.url));
const BEFORE_REGIONS = 3; // 0000…0002

const dir = tempDir("mercato-orders-upgrade-");
let db: Database<typeof schema>;

/** The migrations folder as it was before regions: the first files of the journal only. */
function migrationsBeforeRegions(): string {
  const folder = join(dir.path, "drizzle-before");
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalFile = join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, BEFORE_REGIONS);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

const oldPlaced = {
  orderId: "o-old",
  number: "MC-000001",
  userId: null,
  email: "old@example.com",
  cartId: null,
  lines: [{ sku: "S1", productId: "p1", title: "T", quantity: 1, unitPrice: 1000, image: null, options: {} }],
  totals: { currency: "EUR", subtotal: 1000, discount: 0, shipping: 495, tax: 200, total: 1695 },
  discountCode: null,
  shippingAddress: { name: "A", line1: "1 St", city: "Berlin", postalCode: "10115", country: "DE" },
  billingAddress: { name: "A", line1: "1 St", city: "Berlin", postalCode: "10115", country: "DE" },
  accessTokenHash: "hash",
};
const occurredAt = "2026-06-01T10:00:00.000Z";

beforeAll(async () => {
  db = createDatabase(`file:${join(dir.path, "orders.db")}`, schema);
  await db.migrate(migrationsBeforeRegions());
  // What the service wrote then: the event without region fields, the view without them either.
  const state = fold([parseOrderEvent({ type: "OrderPlaced", data: oldPlaced, version: 1, occurredAt })]) as OrderState;
  const { regionId: _r, shippingMethod: _s, totals, ...rest } = orderView(state);
  const { taxInclusive: _i, taxLines: _l, ...oldTotals } = totals;
  const oldDetail = JSON.stringify({ ...rest, totals: oldTotals });
  await db.write(async (tx) => {
    await tx.run(
      sql`INSERT INTO order_events (order_id, version, type, data, occurred_at)
          VALUES (${oldPlaced.orderId}, 1, 'OrderPlaced', ${JSON.stringify(oldPlaced)}, ${occurredAt})`,
    );
    await tx.run(
      sql`INSERT INTO order_views (id, number, user_id, email, status, currency, total, paid_amount, refunded_total,
            item_count, access_token_hash, placed_at, paid_at, updated_at, version, detail)
          VALUES (${oldPlaced.orderId}, ${oldPlaced.number}, NULL, ${oldPlaced.email}, 'PENDING', 'EUR', 1695, 0, 0,
            1, 'hash', ${Date.parse(occurredAt)}, NULL, ${Date.parse(occurredAt)}, 1, ${oldDetail})`,
    );
  });
  await db.migrate(MIGRATIONS);
});

afterAll(() => {
  db?.close();
  dir.dispose();
});

test("an order read model from before regions reads as its rebuild from the events", async () => {
  const [upgraded] = await db.orm.select().from(orderViews);
  expect(upgraded?.regionId).toBeNull();
  expect(upgraded?.detail).toMatchObject({
    regionId: null,
    shippingMethod: null,
    totals: { currency: "EUR", total: 1695, taxInclusive: false, taxLines: [] },
  });
  const live = await db.orm.select().from(orderViews).orderBy(asc(orderViews.id));
  expect(await rebuildProjections(db)).toEqual({ orders: 1, events: 1 });
  expect(await db.orm.select().from(orderViews).orderBy(asc(orderViews.id))).toEqual(live);
  expect((await db.orm.select().from(orderEvents)).length).toBe(1);
});

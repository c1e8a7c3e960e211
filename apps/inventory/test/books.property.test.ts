import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { fileURLToPath } from "node:url";
import { type TempDatabase, tempDatabase } from "@mercato/testing";
import { eq, inArray, sql } from "drizzle-orm";
import fc from "fast-check";
import { applyAdjustment } from "../src/app/adjust.ts";
import { ensureStock } from "../src/app/ensure-stock.ts";
import { reserveOrder } from "../src/app/reserve.ts";
import { cancelOrder, commitOrder, expireReservation } from "../src/app/settle.ts";
import * as schema from "../src/db/schema.ts";
import { ledger, reservations, stock } from "../src/db/schema.ts";

const migrations = fileURLToPath(new URL("../drizzle", import.meta.url));
let temp: TempDatabase<typeof schema>;
let run = 0;

beforeAll(async () => {
  temp = await tempDatabase(schema, migrations);
});
afterAll(() => temp?.dispose());

const skuIndex = fc.integer({ min: 0, max: 2 });
const orderIndex = fc.integer({ min: 0, max: 5 });
const command = fc.oneof(
  fc.record({ op: fc.constant("receive" as const), sku: skuIndex, quantity: fc.integer({ min: 1, max: 15 }) }),
  fc.record({
    op: fc.constant("correct" as const),
    sku: skuIndex,
    quantity: fc.integer({ min: -15, max: 15 }).filter((q) => q !== 0),
  }),
  fc.record({
    op: fc.constant("reserve" as const),
    order: orderIndex,
    lines: fc.array(fc.record({ sku: skuIndex, quantity: fc.integer({ min: 1, max: 8 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
  fc.record({ op: fc.constant("release" as const), order: orderIndex }),
  fc.record({ op: fc.constant("expire" as const), order: orderIndex }),
  fc.record({ op: fc.constant("commit" as const), order: orderIndex }),
  fc.record({ op: fc.constant("cancelPaid" as const), order: orderIndex }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

/** Levels, ledger sums and held reservation amounts of some SKUs, read straight from the tables. */
async function snapshot(skus: string[], orderPrefix: string) {
  const db = temp.db.orm;
  const levels = await db.select().from(stock).where(inArray(stock.sku, skus));
  const sums = await db
    .select({
      sku: ledger.sku,
      onHand: sql<number>`sum(${ledger.deltaOnHand})`,
      reserved: sql<number>`sum(${ledger.deltaReserved})`,
      rows: sql<number>`count(*)`,
    })
    .from(ledger)
    .where(inArray(ledger.sku, skus))
    .groupBy(ledger.sku);
  const held = await db
    .select({ lines: reservations.lines })
    .from(reservations)
    .where(sql`${reservations.status} = 'active' and ${reservations.orderId} like ${`${orderPrefix}%`}`);
  const heldBySku = new Map<string, number>();
  for (const r of held) for (const l of r.lines) heldBySku.set(l.sku, (heldBySku.get(l.sku) ?? 0) + l.quantity);
  return { levels, sums, heldBySku };
}

async function apply(c: Command, skus: string[], orderPrefix: string): Promise<void> {
  const now = new Date();
  const orderId = "order" in c ? `${orderPrefix}${c.order}` : "";
  switch (c.op) {
    case "receive":
    case "correct":
      await temp.db.write((tx) =>
        applyAdjustment(tx, {
          sku: skus[c.sku]!,
          kind: c.op === "receive" ? "receive" : "correct",
          quantity: c.quantity,
          reason: "property test",
          actor: "tester",
          now,
        }),
      );
      return;
    case "reserve":
      await temp.db.write((tx) =>
        reserveOrder(tx, {
          orderId,
          lines: c.lines.map((l) => ({ sku: skus[l.sku]!, quantity: l.quantity })),
          ttlMs: 60_000,
          now,
        }),
      );
      return;
    case "release":
      await temp.db.write((tx) => cancelOrder(tx, { orderId, wasPaid: false, reason: "test", now }));
      return;
    case "cancelPaid":
      await temp.db.write((tx) => cancelOrder(tx, { orderId, wasPaid: true, reason: "test", now }));
      return;
    case "commit":
      await temp.db.write((tx) => commitOrder(tx, { orderId, now }));
      return;
    case "expire": {
      const [r] = await temp.db.orm.select().from(reservations).where(eq(reservations.orderId, orderId));
      if (r) await temp.db.write((tx) => expireReservation(tx, r.id, new Date(now.getTime() + 120_000)));
      return;
    }
  }
}

describe("the books under random movements (real libSQL file)", () => {
  test("available ≥ 0, reserved ≥ 0, ledger = stock, reserved = held reservations; refusals write nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        run++;
        const skus = [0, 1, 2].map((i) => `P${run}-${i}`);
        const orderPrefix = `O${run}-`;
        await temp.db.write((tx) => ensureStock(tx, skus, { now: new Date(), lowStockThreshold: 5, demo: false }));
        for (const c of commands) {
          const before = await snapshot(skus, orderPrefix);
          const failed = await apply(c, skus, orderPrefix).then(
            () => false,
            () => true,
          );
          const after = await snapshot(skus, orderPrefix);
          if (failed) expect(after).toEqual(before);
          for (const level of after.levels) {
            expect(level.reserved).toBeGreaterThanOrEqual(0);
            expect(level.onHand - level.reserved).toBeGreaterThanOrEqual(0);
            const sums = after.sums.find((s) => s.sku === level.sku);
            expect(Number(sums?.onHand ?? 0)).toBe(level.onHand);
            expect(Number(sums?.reserved ?? 0)).toBe(level.reserved);
            expect(level.reserved).toBe(after.heldBySku.get(level.sku) ?? 0);
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 30_000);
});

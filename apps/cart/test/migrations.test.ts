import { afterEach, describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createDatabase } from "@mercato/db";
import { tempDir } from "@mercato/testing";
import * as schema from "../src/db/schema.ts";

const MIGRATIONS = join(import.meta.dir, "../drizzle");
/** The last migration from before regions: carts and codes as they were then. */
const BEFORE_REGIONS = "0002_dry_zemo";

/** A copy of the migrations folder that stops at `lastTag`. */
function migrationsUpTo(dir: string, lastTag: string): string {
  const folder = join(dir, "drizzle");
  mkdirSync(join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  const upTo = journal.entries.findIndex((e) => e.tag === lastTag);
  const entries = journal.entries.slice(0, upTo + 1);
  writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const e of entries) copyFileSync(join(MIGRATIONS, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  return folder;
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

describe("the regions migration", () => {
  test("puts existing carts in the default region with their currency, and existing fixed codes in EUR", async () => {
    expect(readdirSync(MIGRATIONS)).toContain(`${BEFORE_REGIONS}.sql`);
    const dir = tempDir("cart-migration-");
    const db = createDatabase(`file:${join(dir.path, "cart.db")}`, schema);
    cleanup.push(() => {
      db.close();
      dir.dispose();
    });
    await db.migrate(migrationsUpTo(dir.path, BEFORE_REGIONS));
    const now = Date.now();
    // Rows as the service wrote them before regions (raw SQL: today's schema has more columns).
    await db.client.execute({
      sql: "INSERT INTO carts (id, user_id, currency, created_at, updated_at) VALUES ('old-usd', 'u1', 'USD', ?, ?), ('old-eur', 'u2', 'EUR', ?, ?)",
      args: [now, now, now, now],
    });
    await db.client.execute({
      sql: "INSERT INTO discount_codes (code, kind, value, created_at, updated_at) VALUES ('OLDFIXED', 'fixed', 500, ?, ?), ('OLDPCT', 'percent', 10, ?, ?)",
      args: [now, now, now, now],
    });

    await db.migrate(MIGRATIONS);
    const carts = await db.orm.select().from(schema.carts).orderBy(schema.carts.id);
    expect(carts.map((c) => [c.id, c.regionId, c.currency, c.country, c.shippingOptionId])).toEqual([
      ["old-eur", "eu", "EUR", null, null],
      ["old-usd", "eu", "USD", null, null],
    ]);
    const codes = await db.orm.select().from(schema.discountCodes).orderBy(schema.discountCodes.code);
    expect(codes.map((c) => [c.code, c.kind, c.currency])).toEqual([
      ["OLDFIXED", "fixed", "EUR"],
      ["OLDPCT", "percent", null],
    ]);
  });
});

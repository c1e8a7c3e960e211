import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import Database from "libsql";
import { createDatabase } from "../src/index.ts";
import { installStatementCache } from "../src/statement-cache.ts";

const items = sqliteTable("items", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  qty: integer("qty").notNull(),
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function freshDb() {
  const dir = mkdtempSync(join(tmpdir(), "mercato-db-"));
  dirs.push(dir);
  const db = createDatabase(`file:${dir}/t.db`, { items });
  await db.write((tx) =>
    tx.run(sql`create table items (id integer primary key, name text not null, qty integer not null)`),
  );
  return db;
}

test("a statement prepared once is reused: same SQL, same statement, fresh results each time", async () => {
  const db = await freshDb();
  try {
    for (let i = 1; i <= 50; i++) {
      await db.write((tx) => tx.insert(items).values({ id: i, name: `item ${i}`, qty: i * 2 }));
    }
    // The same select with other parameters answers for those parameters, again and again.
    for (const id of [7, 1, 50, 7, 23]) {
      const [row] = await db.orm.select().from(items).where(eq(items.id, id));
      expect(row).toEqual({ id, name: `item ${id}`, qty: id * 2 });
    }
    // A statement stopped early elsewhere (LIMIT) and one read to the end do not disturb each other.
    const firstThree = await db.orm.select({ id: items.id }).from(items).orderBy(asc(items.id)).limit(3);
    const all = await db.orm.select({ id: items.id }).from(items).orderBy(asc(items.id));
    const firstThreeAgain = await db.orm.select({ id: items.id }).from(items).orderBy(asc(items.id)).limit(3);
    expect(firstThree.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(all).toHaveLength(50);
    expect(firstThreeAgain).toEqual(firstThree);

    // createDatabase installed the cache for the whole process; installing again changes nothing.
    installStatementCache();
    const connection = new Database(":memory:");
    const a = connection.prepare("select 1 as one");
    expect(connection.prepare("select 1 as one")).toBe(a);
    expect(connection.prepare("select 2 as two")).not.toBe(a);
    connection.close();
  } finally {
    db.close();
  }
});

test("writes, rolled-back transactions, constraint errors and schema changes behave as without the cache", async () => {
  const db = await freshDb();
  try {
    await db.write((tx) => tx.insert(items).values({ id: 1, name: "a", qty: 1 }));
    // A failed transaction leaves nothing behind, and the statements it used still work.
    const failed = db.write(async (tx) => {
      await tx.insert(items).values({ id: 2, name: "b", qty: 2 });
      await tx.insert(items).values({ id: 1, name: "duplicate", qty: 0 });
    });
    await expect(failed).rejects.toThrow();
    expect(await db.orm.select().from(items)).toEqual([{ id: 1, name: "a", qty: 1 }]);
    await db.write((tx) => tx.insert(items).values({ id: 2, name: "b", qty: 2 }));
    await db.write((tx) =>
      tx
        .update(items)
        .set({ qty: sql`${items.qty} + 10` })
        .where(eq(items.id, 2)),
    );
    expect(await db.orm.select().from(items).orderBy(asc(items.id))).toEqual([
      { id: 1, name: "a", qty: 1 },
      { id: 2, name: "b", qty: 12 },
    ]);

    // A new column: statements written after the change see it; the old ones keep working.
    await db.write((tx) => tx.run(sql`alter table items add column note text`));
    await db.write((tx) => tx.run(sql`update items set note = 'n' || id`));
    const notes = await db.orm.all<{ id: number; note: string }>(sql`select id, note from items order by id`);
    expect(notes).toEqual([
      { id: 1, note: "n1" },
      { id: 2, note: "n2" },
    ]);
    expect(await db.orm.select({ name: items.name }).from(items).where(eq(items.id, 1))).toEqual([{ name: "a" }]);
  } finally {
    db.close();
  }
});

test("many distinct statements stay bounded and correct", async () => {
  const db = await freshDb();
  try {
    await db.write((tx) => tx.insert(items).values({ id: 1, name: "a", qty: 5 }));
    // 600 different SQL texts: more than a connection keeps, so old ones are dropped and re-prepared.
    for (let n = 0; n < 600; n++) {
      const rows = await db.orm.all<{ v: number }>(sql.raw(`select qty + ${n} as v from items where id = 1`));
      expect(rows).toEqual([{ v: 5 + n }]);
    }
  } finally {
    db.close();
  }
});

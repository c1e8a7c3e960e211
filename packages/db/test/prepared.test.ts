import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createDatabase, prepareSql, prepareUpsert } from "../src/index.ts";

const notes = sqliteTable("notes", {
  id: text("id").primaryKey(),
  body: text("body").notNull(),
  at: integer("at", { mode: "timestamp_ms" }).notNull(),
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function freshDb() {
  const dir = mkdtempSync(join(tmpdir(), "mercato-prepared-"));
  dirs.push(dir);
  const db = createDatabase(`file:${dir}/t.db`, { notes });
  await db.write((tx) =>
    tx.run(sql`create table notes (id text primary key, body text not null, at integer not null)`),
  );
  return db;
}

const insertNote = prepareSql<{ id: string; body: string; at: Date }>((q) =>
  q.insert(notes).values({ id: sql.placeholder("id"), body: sql.placeholder("body"), at: sql.placeholder("at") }),
);
const noteById = prepareSql<{ id: string }>((q) =>
  q
    .select({ body: notes.body, at: notes.at })
    .from(notes)
    .where(eq(notes.id, sql.placeholder("id"))),
);

test("a prepared statement writes inside a transaction with drizzle's encoders, and reads back per value", async () => {
  const db = await freshDb();
  try {
    const at = new Date("2026-12-02T04:00:00.000Z");
    await db.write(async (tx) => {
      await tx.run(insertNote.bind({ id: "a", body: "first", at }));
      await tx.run(insertNote.bind({ id: "b", body: "second", at: new Date(at.getTime() + 1) }));
    });
    // The Date went through the column's timestamp_ms encoder: the builder reads it back as the same instant.
    expect(await db.orm.select().from(notes).where(eq(notes.id, "a"))).toEqual([{ id: "a", body: "first", at }]);
    // Rows come back keyed by SQL column name, with the driver's values.
    expect(await db.orm.all(noteById.bind({ id: "b" }))).toEqual([{ body: "second", at: at.getTime() + 1 }]);
    expect(await db.orm.all(noteById.bind({ id: "missing" }))).toEqual([]);
  } finally {
    db.close();
  }
});

test("a rolled-back transaction takes its prepared writes with it", async () => {
  const db = await freshDb();
  try {
    await expect(
      db.write(async (tx) => {
        await tx.run(insertNote.bind({ id: "c", body: "gone", at: new Date() }));
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await db.orm.all(noteById.bind({ id: "c" }))).toEqual([]);
  } finally {
    db.close();
  }
});

test("a missing value is refused before anything runs", () => {
  expect(() => noteById.bind({} as { id: string })).toThrow(/placeholder "id"/);
});

const counters = sqliteTable("counters", {
  name: text("name").primaryKey(),
  value: integer("value").notNull(),
  note: text("note").notNull().default("none"),
});

test("a prepared upsert inserts, then updates the given columns and keeps the others", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mercato-upsert-"));
  dirs.push(dir);
  const db = createDatabase(`file:${dir}/t.db`, { counters });
  try {
    await db.write((tx) =>
      tx.run(
        sql`create table counters (name text primary key, value integer not null, note text not null default 'none')`,
      ),
    );
    const upsert = prepareUpsert(counters, counters.name);
    await db.write((tx) => tx.run(upsert({ name: "a", value: 1, note: "first" })));
    await db.write((tx) => tx.run(upsert({ name: "a", value: 2 })));
    await db.write((tx) => tx.run(upsert({ name: "b", value: 5, note: undefined })));
    expect(await db.orm.select().from(counters).orderBy(counters.name)).toEqual([
      { name: "a", value: 2, note: "first" },
      { name: "b", value: 5, note: "none" },
    ]);
  } finally {
    db.close();
  }
});

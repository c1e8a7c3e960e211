import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createDatabase, prepareSql } from "../src/index.ts";

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

import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import {
  afterCursor,
  createDatabase,
  decodeCursor,
  encodeCursor,
  keysetPage,
  MalformedCursorError,
  type Page,
} from "../src/index.ts";

const rows = sqliteTable("rows", { id: text("id").primaryKey(), at: integer("at").notNull() });

describe("cursor codec", () => {
  test("round-trips the key, including non-ASCII text", () => {
    const raw = encodeCursor([1_700_000_000_000, "ordre-ü-😀"]);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw, ["number", "string"])).toEqual([1_700_000_000_000, "ordre-ü-😀"]);
  });

  test("refuses garbage, other shapes and other kinds with MalformedCursorError", () => {
    for (const raw of ["", "!!!", encodeCursor(["a"]), encodeCursor(["a", "b"]), btoa("{}")]) {
      expect(() => decodeCursor(raw, ["number", "string"])).toThrow(MalformedCursorError);
    }
  });
});

describe("keyset paging over a real table", () => {
  test("walking the cursors newest first returns every row exactly once, ties broken by id", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mercato-keyset-"));
    const db = createDatabase(`file:${dir}/t.db`, { rows });
    try {
      const all = Array.from({ length: 23 }, (_, i) => ({ id: `r${String(i).padStart(2, "0")}`, at: i % 5 }));
      await db.write(async (tx) => {
        await tx.run(sql`CREATE TABLE rows (id TEXT PRIMARY KEY, at INTEGER NOT NULL)`);
        await tx.insert(rows).values(all);
      });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const key: readonly [number, string] | null = cursor ? decodeCursor(cursor, ["number", "string"]) : null;
        const fetched = await db.orm
          .select()
          .from(rows)
          .where(key ? afterCursor(rows.at, rows.id, key, "desc") : undefined)
          .orderBy(sql`${rows.at} DESC, ${rows.id} DESC`)
          .limit(6);
        const page: Page<{ id: string; at: number }> = keysetPage(fetched, 5, (r) => [r.at, r.id]);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
      const expected = [...all].sort((a, b) => b.at - a.at || b.id.localeCompare(a.id)).map((r) => r.id);
      expect(seen).toEqual(expected);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

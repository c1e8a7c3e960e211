/**
 * The reference tables held in memory (db/reference-data.ts): another instance on the same
 * database sees a category or a price list saved through this one, or written by plain SQL, on its
 * very next read, and a read with nothing written in between answers from memory (synonyms too).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { AsyncLocalStorage } from "node:async_hooks";
import { createDatabase } from "@mercato/db";
import { listsInForce, nextPublicBoundary } from "../src/app/effective-prices.ts";
import { synonymsOf } from "../src/app/synonym-lookup.ts";
import { allCategories, referenceData, snapshotPerRequest } from "../src/db/reference-data.ts";
import * as schema from "../src/db/schema.ts";
import { startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;
beforeAll(async () => {
  h = await startCatalog({ SEED_DEMO: "false" });
}, 60_000);
afterAll(() => h?.dispose());

test("a second instance sees categories saved through the service and written by SQL at its next read", async () => {
  const other = createDatabase(h.catalog.deps.env.DATABASE_URL, schema);
  try {
    const before = await referenceData(other.orm);
    // Nothing written: the same objects, from memory.
    expect(await referenceData(other.orm)).toBe(before);

    const made = await h.admin.catalog.admin.categories.create.mutate({ name: "Reference Probe" });
    expect((await allCategories(other.orm)).map((c) => c.id)).toContain(made.id);

    await h.catalog.deps.db.client.execute({
      sql: "UPDATE categories SET name = 'Renamed by SQL' WHERE id = ?",
      args: [made.id],
    });
    expect((await allCategories(other.orm)).find((c) => c.id === made.id)?.name).toBe("Renamed by SQL");

    await h.catalog.deps.db.client.execute({ sql: "DELETE FROM categories WHERE id = ?", args: [made.id] });
    expect((await allCategories(other.orm)).map((c) => c.id)).not.toContain(made.id);
  } finally {
    other.close();
  }
});

test("a price list inserted by SQL is in force on another instance at once, and its end is the next boundary", async () => {
  const other = createDatabase(h.catalog.deps.env.DATABASE_URL, schema);
  try {
    const now = new Date();
    const item = { sku: "REF-1", productId: "p-ref", categoryIds: [] };
    expect((await listsInForce(other.orm, [item], null, now)).get("REF-1")).toEqual([]);
    const endsAt = now.getTime() + 3_600_000;
    await h.catalog.deps.db.client.batch([
      {
        sql: "INSERT INTO price_lists (id, name, kind, starts_at, ends_at, group_id, percent_off_bps, created_at, updated_at) VALUES ('pl-ref', 'Ref sale', 'sale', ?, ?, NULL, NULL, ?, ?)",
        args: [now.getTime() - 1_000, endsAt, now.getTime(), now.getTime()],
      },
      {
        sql: "INSERT INTO price_list_prices (price_list_id, sku, currency, amount) VALUES ('pl-ref', 'REF-1', 'EUR', 900)",
        args: [],
      },
    ]);
    const lists = (await listsInForce(other.orm, [item], null, now)).get("REF-1") ?? [];
    expect(lists.map((l) => l.id)).toEqual(["pl-ref"]);
    expect((await nextPublicBoundary(other.orm, now))?.getTime()).toBe(endsAt);
  } finally {
    other.close();
  }
});

test("a synonym written by SQL widens the next search on another instance", async () => {
  const other = createDatabase(h.catalog.deps.env.DATABASE_URL, schema);
  try {
    expect((await synonymsOf(other.orm, ["parka"])).get("parka")).toBeUndefined();
    await h.catalog.deps.db.client.execute({
      sql: "INSERT INTO search_synonyms (word, synonym, two_way, created_at, created_by) VALUES ('parka', 'anorak', 1, ?, NULL)",
      args: [Date.now()],
    });
    expect((await synonymsOf(other.orm, ["parka"])).get("parka")).toEqual(["anorak"]);
    // Two-way: the synonym finds the word too.
    expect((await synonymsOf(other.orm, ["anorak"])).get("anorak")).toEqual(["parka"]);
  } finally {
    other.close();
  }
});

test("inside one request's scope every read shares the first snapshot; the next request sees the write", async () => {
  const other = createDatabase(h.catalog.deps.env.DATABASE_URL, schema);
  const scopes = new AsyncLocalStorage<object>();
  const service = snapshotPerRequest(() => scopes.getStore());
  try {
    await scopes.run({}, async () => {
      const first = await referenceData(other.orm);
      await h.catalog.deps.db.client.execute({
        sql: "INSERT INTO categories (id, parent_id, slug, name, position) VALUES ('c-scope', NULL, 'scope-probe', 'Scope', 99)",
        args: [],
      });
      // The same answer within the request: one state of the reference tables per answer.
      expect(await referenceData(other.orm)).toBe(first);
    });
    await scopes.run({}, async () => {
      expect((await allCategories(other.orm)).map((c) => c.id)).toContain("c-scope");
    });
  } finally {
    snapshotPerRequest(service);
    other.close();
  }
});

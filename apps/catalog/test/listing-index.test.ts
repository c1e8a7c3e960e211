/**
 * The in-memory listing index follows the database, whoever writes to it (#25): an index loaded
 * by another instance on the same database (a second replica) sees a product created through the
 * service at its next listing; a write no instance made (a CLI or an operator's SQL) is seen too,
 * since the change log is filled by triggers; and an index left further behind than the log
 * keeps reloads whole and still answers as the SQL does.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createDatabase } from "@mercato/db";
import { listProducts } from "../src/app/list-products.ts";
import { listingIndexStore } from "../src/app/listing-index-sync.ts";
import { adminListInput } from "../src/contract.ts";
import * as schema from "../src/db/schema.ts";
import { startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;
beforeAll(async () => {
  h = await startCatalog({ SEED_DEMO: "false" });
}, 60_000);
afterAll(() => h?.dispose());

const input = (q: object) => adminListInput.parse({ limit: 50, ...q });

async function create(title: string, brand: string) {
  return h.admin.catalog.admin.products.create.mutate({
    title,
    description: "probe",
    brand,
    status: "active",
    categoryIds: [],
    variants: [{ sku: `LI-${title}`, price: 1_500, options: { colour: "Teal" } }],
  });
}

test("another instance's index sees writes made through this one, and writes made by plain SQL", async () => {
  await create("First", "Acme");
  // A second replica: its own connection and index on the same database file.
  const other = createDatabase(h.catalog.deps.env.DATABASE_URL, schema);
  try {
    const replica = listingIndexStore(other.orm);
    const list = (q: object) => listProducts(other.orm, input(q), { includeHidden: false, index: replica });
    expect((await list({})).total).toBe(1);

    const second = await create("Second", "Borealis");
    const afterCreate = await list({ brands: ["Borealis"] });
    expect(afterCreate.items.map((p) => p.id)).toEqual([second.productId]);

    // An operator's SQL, through no service: the triggers log it all the same.
    await h.catalog.deps.db.client.execute({
      sql: "UPDATE product_prices SET brand = 'Acme' WHERE product_id = ?",
      args: [second.productId],
    });
    const afterSql = await list({});
    expect(afterSql.facets.brands).toEqual([{ value: "Acme", count: 2 }]);
    expect(afterSql).toEqual(await listProducts(other.orm, input({}), { includeHidden: false }));
  } finally {
    other.close();
  }
});

test("a search on another instance finds a product renamed through this one, and one rewritten by SQL", async () => {
  const renamed = await create("Fourth", "Acme");
  const other = createDatabase(h.catalog.deps.env.DATABASE_URL, schema);
  try {
    const replica = listingIndexStore(other.orm);
    const search = async (q: string) => {
      const listed = await listProducts(other.orm, input({ q, sort: "relevance" }), {
        includeHidden: false,
        index: replica,
      });
      // The in-memory search answers exactly as FTS5 does (same rows, scores, so same order and cursors).
      expect(listed).toEqual(await listProducts(other.orm, input({ q, sort: "relevance" }), { includeHidden: false }));
      return listed.items.map((p) => p.id);
    };
    expect(await search("zanzibar")).toEqual([]);
    await h.admin.catalog.admin.products.update.mutate({ id: renamed.productId, title: "Zanzibar Lantern" });
    expect(await search("zanzibar")).toEqual([renamed.productId]);
    expect(await search("lantern zanz")).toEqual([renamed.productId]);

    // A rewrite through no service (the product and its full-text row together, as a CLI would).
    await h.catalog.deps.db.client.batch([
      { sql: "UPDATE products SET description = 'a quokka' WHERE id = ?", args: [renamed.productId] },
      {
        sql: "UPDATE products_fts SET description = 'a quokka' WHERE rowid = (SELECT doc_id FROM products WHERE id = ?)",
        args: [renamed.productId],
      },
    ]);
    expect(await search("quokka")).toEqual([renamed.productId]);
  } finally {
    other.close();
  }
});

test("an index further behind than the kept log reloads whole and answers as the SQL does", async () => {
  const db = h.catalog.deps.db;
  const lagging = listingIndexStore(db.orm);
  await lagging.current();
  const third = await create("Third", "Borealis");
  // The log keeps the last 50,000 changes: pretend this index slept through more than that.
  await db.client.execute("DELETE FROM listing_changes");
  await db.client.execute({
    sql: "INSERT INTO listing_changes (seq, product_id) VALUES (?, ?)",
    args: [60_000, third.productId],
  });
  const answer = await listProducts(db.orm, input({ sort: "newest" }), { includeHidden: false, index: lagging });
  expect(lagging.position).toBe(60_000);
  expect(answer.items[0]!.id).toBe(third.productId);
  expect(answer).toEqual(await listProducts(db.orm, input({ sort: "newest" }), { includeHidden: false }));
});

/**
 * The in-memory text index answers a search as FTS5 does (#25): the same rows and the same bm25
 * score, to the last bit, for random documents (words, prefixes, accents, SKU-like tokens, empty
 * brands) and random searches (prefix words, OR-ed exact alternatives, several words), after random
 * inserts, rewrites and removals, with the overlay merged into new bases along the way.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "@mercato/db";
import fc from "fast-check";
import { BM25_WEIGHTS, ftsExpression, type SearchQuery } from "../src/domain/search-text.ts";
import { type TextDocument, TextIndex } from "../src/domain/text-index.ts";

const dir = mkdtempSync(join(tmpdir(), "text-index-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VOCABULARY = [
  "linen",
  "line",
  "lino",
  "shirt",
  "shirts",
  "shorts",
  "short",
  "café",
  "Cafe",
  "crème",
  "über",
  "ñandu",
  "garçon",
  "wool",
  "woollen",
  "blue",
  "Blau",
  "A1",
  "x2",
  "tshirt",
  "tee",
  "cap",
  "caps",
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...VOCABULARY), fc.constantFrom(" ", "-", ", ", "'s ", "/")), { maxLength: 14 })
  .map((parts) => parts.join(" "));
const sku = fc.array(fc.constantFrom("TS", "BLK", "M", "L", "01", "LIN", "ü"), { minLength: 1, maxLength: 3 });
const documentText = fc.record({
  title: text,
  description: text,
  brand: fc.option(fc.constantFrom("Acme", "Nordwind", "Café Co", ""), { nil: null }),
  skus: fc
    .array(
      sku.map((s) => s.join("-")),
      { maxLength: 3 },
    )
    .map((s) => s.join(" ")),
});
type Written = { docId: number; title: string; description: string; brand: string | null; skus: string };
const term = fc.record({
  word: fc.constantFrom(
    "lin",
    "line",
    "linen",
    "sh",
    "shirt",
    "short",
    "cafe",
    "creme",
    "uber",
    "nandu",
    "a1",
    "x",
    "ts",
    "tee",
    "wo",
    "blau",
    "zz",
  ),
  prefix: fc.boolean(),
});
const query: fc.Arbitrary<SearchQuery> = fc.array(fc.array(term, { minLength: 1, maxLength: 3 }), {
  minLength: 1,
  maxLength: 3,
});
const step = fc.oneof(
  fc.record({ kind: fc.constant("write" as const), doc: fc.nat(40), text: documentText }),
  fc.record({ kind: fc.constant("remove" as const), doc: fc.nat(40) }),
);

test("random documents, writes and searches: the same rows and bm25 scores as FTS5", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(documentText, { minLength: 1, maxLength: 40 }),
      fc.array(step, { maxLength: 30 }),
      fc.array(query, { minLength: 1, maxLength: 8 }),
      async (initial, steps, queries) => {
        const { client: db, close } = createDatabase(`file:${join(dir, `run-${run++}.db`)}`, {});
        try {
          await db.execute(`CREATE VIRTUAL TABLE products_fts USING fts5(title, description, brand, skus,
          tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`);
          const live = new Map<number, Written>();
          const index = new TextIndex(BM25_WEIGHTS, { maxOverlay: 4 });
          const asDocument = (w: Written): TextDocument => ({
            docId: w.docId,
            productId: `p${w.docId}`,
            columns: [w.title, w.description, w.brand ?? "", w.skus],
          });
          const write = async (w: Written) => {
            await db.execute({ sql: "DELETE FROM products_fts WHERE rowid = ?", args: [w.docId] });
            await db.execute({
              sql: "INSERT INTO products_fts (rowid, title, description, brand, skus) VALUES (?, ?, ?, coalesce(?, ''), ?)",
              args: [w.docId, w.title, w.description, w.brand, w.skus],
            });
            live.set(w.docId, w);
          };
          for (const [i, t] of initial.entries()) await write({ docId: i + 1, ...t });
          index.addBulk([...live.values()].map(asDocument));
          index.endBulk();
          for (const s of steps) {
            const docId = s.doc + 1;
            if (s.kind === "write") {
              await write({ docId, ...s.text });
              index.upsert(asDocument(live.get(docId)!));
            } else if (live.has(docId)) {
              await db.execute({ sql: "DELETE FROM products_fts WHERE rowid = ?", args: [docId] });
              live.delete(docId);
              index.removeProduct(`p${docId}`);
            }
          }
          expect(index.size).toBe(live.size);
          for (const q of queries) {
            const rows = live.size
              ? (
                  await db.execute({
                    sql: "SELECT rowid AS doc, bm25(products_fts, 10.0, 1.0, 4.0, 6.0) AS score FROM products_fts WHERE products_fts MATCH ?",
                    args: [ftsExpression(q)],
                  })
                ).rows
              : [];
            const expected = new Map(rows.map((r) => [Number(r.doc), Number(r.score)]));
            const found = index.search(q);
            const got = found && new Map(found.docIds.map((d, i) => [d, found.scores[i]]));
            expect({ q: ftsExpression(q), hits: got }).toEqual({ q: ftsExpression(q), hits: expected });
          }
        } finally {
          close();
        }
      },
    ),
    { numRuns: 150 },
  );
}, 120_000);

test("a phrase (a multi-word synonym) is left to FTS5", () => {
  const index = new TextIndex(BM25_WEIGHTS);
  index.addBulk([{ docId: 1, productId: "p1", columns: ["Tee shirt", "", "", ""] }]);
  index.endBulk();
  expect(index.search([[{ word: "tee shirt", prefix: false }]])).toBeNull();
  expect(index.search([[{ word: "tee", prefix: true }]])?.docIds).toEqual([1]);
});

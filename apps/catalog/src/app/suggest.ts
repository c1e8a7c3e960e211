import { sql } from "drizzle-orm";
import { PRIMARY_CURRENCY, SUGGEST_LIMITS, type SuggestInput, type Suggestions } from "../contract.ts";
import type { ReadDb } from "../db/queries.ts";
import { allCategories } from "../db/reference-data.ts";
import type { ProductImage } from "../db/schema.ts";
import { BM25 } from "../db/search-index.ts";
import { MATCH_NOTHING, prefixQuery, words } from "../domain/search-text.ts";

/**
 * Suggestions for what the shopper has typed so far: the best few active products sold in the
 * currency whose words start with every typed word, and the categories whose name words do.
 * No typo correction (a suggestion list is for prefixes; the search page corrects).
 */
export async function suggest(db: ReadDb, input: SuggestInput): Promise<Suggestions> {
  const match = prefixQuery(input.q);
  if (match === null || match === MATCH_NOTHING) return { products: [], categories: [] };
  const currency = input.currency ?? PRIMARY_CURRENCY;
  const [rows, cats] = await Promise.all([
    db.all<{ slug: string; title: string; brand: string | null; images: string; min_price: number }>(sql`
      SELECT p.slug AS slug, p.title AS title, p.brand AS brand, p.images AS images, l.min_price AS min_price
      FROM products_fts f
      JOIN products p ON p.doc_id = f.rowid
      JOIN product_prices l ON l.product_id = p.id AND l.currency = ${currency}
      WHERE products_fts MATCH ${match} AND p.status = 'active'
      ORDER BY ${BM25}, p.id
      LIMIT ${SUGGEST_LIMITS.products}`),
    allCategories(db),
  ]);
  const typed = words(input.q);
  const names = new Map(cats.map((c) => [c.id, c.name]));
  const categories = cats
    .filter((c) => {
      const own = words(c.name);
      return typed.every((t) => own.some((w) => w.startsWith(t)));
    })
    .slice(0, SUGGEST_LIMITS.categories)
    .map((c) => ({ slug: c.slug, name: c.name, parentName: c.parentId ? (names.get(c.parentId) ?? null) : null }));
  return {
    products: rows.map((r) => {
      const images = JSON.parse(r.images) as ProductImage[];
      const first = images[0];
      return {
        slug: r.slug,
        title: r.title,
        brand: r.brand,
        image: first ? { url: first.url, alt: first.alt } : null,
        minPrice: Number(r.min_price),
        currency,
      };
    }),
    categories,
  };
}

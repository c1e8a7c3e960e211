import { decodeCursor, keysetPage } from "@mercato/db";
import { csvPage } from "@mercato/kit/csv-export";
import { and, asc, eq, gt, ne, type SQL } from "drizzle-orm";
import { EXPORT_PAGE_SIZE, type ExportPage } from "../contract.ts";
import type { ReadDb } from "../db/queries.ts";
import { categories, products } from "../db/schema.ts";
import { categoryPaths, PRODUCT_CSV_COLUMNS, productCsvRows } from "../domain/import-rows.ts";
import { productStates } from "./product-states.ts";
import { sellerScope } from "./seller-scope.ts";

/**
 * One page of the product CSV export (the import's columns, one row per variant; the header on
 * the first page): drafts and active products, archived ones left out (the import cannot archive).
 * The web's download route streams the pages one after another; a seller exports its own. A text
 * cell that starts like a formula is written with a leading quote (kit's `csvPage`, OWASP), and
 * the import takes that quote off again, so the export imported again still changes nothing.
 */
export async function exportProductsPage(db: ReadDb, cursor: string | null): Promise<ExportPage> {
  const after = cursor ? decodeCursor(cursor, ["string"])[0] : null;
  const seller = sellerScope();
  const where: SQL[] = [ne(products.status, "archived")];
  if (after) where.push(gt(products.id, after));
  if (seller) where.push(eq(products.ownerId, seller));
  const rows = await db
    .select()
    .from(products)
    .where(and(...where))
    .orderBy(asc(products.id))
    .limit(EXPORT_PAGE_SIZE + 1);
  const page = keysetPage(rows, EXPORT_PAGE_SIZE, (last) => [last.id]);
  const paths = categoryPaths(
    await db.select({ id: categories.id, slug: categories.slug, parentId: categories.parentId }).from(categories),
  );
  const records = (await productStates(db, page.items)).flatMap((p) =>
    productCsvRows({
      handle: p.slug,
      state: p.state,
      categoryPaths: p.state.categoryIds.map((id) => paths.get(id)).filter((x): x is string => x !== undefined),
    }),
  );
  return { csv: csvPage(PRODUCT_CSV_COLUMNS, records, cursor === null), nextCursor: page.nextCursor };
}

/** The whole export, page by page (the CLI and the tests). */
export async function* exportProductsCsv(db: ReadDb): AsyncGenerator<string> {
  let cursor: string | null = null;
  do {
    const page = await exportProductsPage(db, cursor);
    yield page.csv;
    cursor = page.nextCursor;
  } while (cursor);
}

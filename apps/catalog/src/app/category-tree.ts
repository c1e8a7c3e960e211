import type { ReadDb } from "../db/queries.ts";
import { allCategories } from "../db/reference-data.ts";
import { buildTree } from "../domain/category-tree.ts";

/** The category forest the shop's menus and the admin show. */
export async function categoryTree(db: ReadDb) {
  return buildTree(await allCategories(db));
}

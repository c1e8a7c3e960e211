import { asc } from "drizzle-orm";
import { categories } from "../db/schema.ts";
import { buildTree } from "../domain/category-tree.ts";
import type { ReadDb } from "./db.ts";

export type CategoryRow = typeof categories.$inferSelect;

export async function allCategories(db: ReadDb): Promise<CategoryRow[]> {
  return db.select().from(categories).orderBy(asc(categories.position), asc(categories.name));
}

export async function categoryTree(db: ReadDb) {
  return buildTree(await allCategories(db));
}

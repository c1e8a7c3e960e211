import { CategoryChanged, createEvent, enqueue } from "@mercato/events";
import { conflict, invalid, notFound } from "@mercato/kit/errors";
import { count, eq, like, or } from "drizzle-orm";
import type { CreateCategoryInput } from "../contract.ts";
import { categories, productCategories } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";
import type { CatalogDeps } from "../deps.ts";
import { wouldCycle } from "../domain/category-tree.ts";
import { nextFreeSlug, slugify } from "../domain/slug.ts";

/** The writer, and the relay that publishes the change the write announces. */
export type CategoryWriter = Pick<CatalogDeps, "db" | "relay">;

type Change = "created" | "renamed" | "moved" | "deleted";

/**
 * One category write and its `catalog.category.changed` in the outbox, in the same transaction
 * (so the edge replica hears of every change that committed, after a crash too), then the relay.
 */
async function writeCategory<T>(
  deps: CategoryWriter,
  change: Change,
  write: (tx: CatalogTx) => Promise<T>,
  id: string | ((result: T) => string),
): Promise<T> {
  const result = await deps.db.write(async (tx) => {
    const out = await write(tx);
    const categoryId = typeof id === "string" ? id : id(out);
    await enqueue(tx, createEvent(CategoryChanged, { categoryId, change }, { key: categoryId }));
    return out;
  });
  deps.relay.kick();
  return result;
}

export function createCategory(deps: CategoryWriter, input: CreateCategoryInput) {
  return writeCategory(
    deps,
    "created",
    (tx) => createCategoryIn(tx, input),
    (row) => row.id,
  );
}

/**
 * Creates a category inside `tx`, with the given slug (refused when taken) or one made from its
 * name. The demo seed passes its fixed ids through here.
 */
export async function createCategoryIn(tx: CatalogTx, input: CreateCategoryInput, id: string = Bun.randomUUIDv7()) {
  if (input.parentId) await categoryRow(tx, input.parentId, "parentId");
  let slug = input.slug;
  if (slug) {
    if ((await tx.select().from(categories).where(eq(categories.slug, slug))).length) {
      throw conflict("slug", `"${slug}" is taken`);
    }
  } else {
    const base = slugify(input.name);
    const taken = await tx
      .select({ slug: categories.slug })
      .from(categories)
      .where(or(eq(categories.slug, base), like(categories.slug, `${base}-%`)));
    slug = nextFreeSlug(
      base,
      taken.map((t) => t.slug),
    );
  }
  const [row] = await tx
    .insert(categories)
    .values({ id, parentId: input.parentId, slug, name: input.name, position: input.position })
    .returning();
  return row!;
}

/** Renames a category; its slug stays, so links keep working. */
export function renameCategory(deps: CategoryWriter, id: string, name: string) {
  return writeCategory(
    deps,
    "renamed",
    async (tx) => {
      await categoryRow(tx, id, "id");
      const [row] = await tx.update(categories).set({ name }).where(eq(categories.id, id)).returning();
      return row!;
    },
    id,
  );
}

/** Moves a category under another (or to the top with null); refuses to put it inside itself. */
export function moveCategory(deps: CategoryWriter, id: string, parentId: string | null, position?: number) {
  return writeCategory(
    deps,
    "moved",
    async (tx) => {
      await categoryRow(tx, id, "id");
      if (parentId) await categoryRow(tx, parentId, "parentId");
      const all = await tx.select({ id: categories.id, parentId: categories.parentId }).from(categories);
      if (parentId === id || wouldCycle(all, id, parentId)) {
        throw invalid(
          "parentId",
          `"${parentId}" is the category itself or one of its subcategories; that would make a cycle`,
        );
      }
      const [row] = await tx
        .update(categories)
        .set({ parentId, ...(position !== undefined ? { position } : {}) })
        .where(eq(categories.id, id))
        .returning();
      return row!;
    },
    id,
  );
}

/** Deletes an empty category; one that still has products or subcategories is refused. */
export function deleteCategory(deps: CategoryWriter, id: string) {
  return writeCategory(
    deps,
    "deleted",
    async (tx) => {
      const row = await categoryRow(tx, id, "id");
      const [children] = await tx.select({ n: count() }).from(categories).where(eq(categories.parentId, id));
      if (children && children.n > 0) {
        throw conflict("id", `category "${row.slug}" still has ${children.n} subcategories; move or delete them first`);
      }
      const [linked] = await tx
        .select({ n: count() })
        .from(productCategories)
        .where(eq(productCategories.categoryId, id));
      if (linked && linked.n > 0) {
        throw conflict(
          "id",
          `category "${row.slug}" still has ${linked.n} products; move them to another category first`,
        );
      }
      await tx.delete(categories).where(eq(categories.id, id));
      return { id, deleted: true as const };
    },
    id,
  );
}

async function categoryRow(tx: CatalogTx, id: string, field: string) {
  const [row] = await tx.select().from(categories).where(eq(categories.id, id));
  if (!row) throw notFound(field, `no category "${id}"`);
  return row;
}

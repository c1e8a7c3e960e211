import { TRPCError } from "@trpc/server";
import { type SQL, sql } from "drizzle-orm";
import { descendantIds } from "../domain/category-tree.ts";
import type { CategoryRow } from "./categories.ts";
import type { AdminListInput } from "./inputs.ts";

export interface ListingFilters {
  /** Who may be listed: active products for the public, any (or the asked) status for admins. */
  status: SQL;
  /** Every filter, shaped for one page walked in sort order. */
  page: SQL;
  /** Every filter, shaped for counting the whole filtered set (facets and total). */
  whole: SQL;
}

const list = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The SQL conditions (on products `p`) of a listing's filters. */
export function listingFilters(input: AdminListInput, cats: CategoryRow[], includeHidden: boolean): ListingFilters {
  if (input.minPrice !== undefined && input.maxPrice !== undefined && input.minPrice > input.maxPrice) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "maxPrice: must not be below minPrice" });
  }
  const status = !includeHidden
    ? sql`p.status = 'active'`
    : input.status
      ? sql`p.status = ${input.status}`
      : sql`1 = 1`;

  const conditions: SQL[] = [status];
  if (input.minPrice !== undefined) conditions.push(sql`p.min_price >= ${input.minPrice}`);
  if (input.maxPrice !== undefined) conditions.push(sql`p.min_price <= ${input.maxPrice}`);
  if (input.brands) conditions.push(sql`p.brand IN (${list(input.brands)})`);
  for (const [name, values] of Object.entries(input.options ?? {})) {
    conditions.push(
      sql`p.id IN (SELECT product_id FROM product_options WHERE name = ${name} AND value IN (${list(values)}))`,
    );
  }
  if (input.inStock) conditions.push(sql`p.in_stock = 1`);

  if (!input.category) {
    const all = sql.join(conditions, sql` AND `);
    return { status, page: all, whole: all };
  }
  const category = cats.find((c) => c.slug === input.category);
  if (!category) throw new TRPCError({ code: "NOT_FOUND", message: `category: no category "${input.category}"` });
  const subtree = list(descendantIds(cats, category.id));
  // The same category filter in two shapes: a page walks the sort index and probes each product's
  // categories, stopping after one page; the counts read the whole category from its own index.
  return {
    status,
    page: sql.join(
      [
        ...conditions,
        sql`EXISTS (SELECT 1 FROM product_categories pc WHERE pc.product_id = p.id AND pc.category_id IN (${subtree}))`,
      ],
      sql` AND `,
    ),
    whole: sql.join(
      [...conditions, sql`p.id IN (SELECT product_id FROM product_categories WHERE category_id IN (${subtree}))`],
      sql` AND `,
    ),
  };
}

import { TRPCError } from "@trpc/server";
import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import { z } from "zod";
import { allCategories, loadProducts, productIdBySlug } from "../db/queries.ts";
import { productCategories, products, variants } from "../db/schema.ts";
import { breadcrumbs, descendantIds } from "../domain/category-tree.ts";
import { publicProcedure, router } from "../trpc.ts";

const PUBLIC_CACHE = "public, max-age=5, stale-while-revalidate=30";

const cursorSchema = z.object({ createdAt: z.number().int(), id: z.string() });
function encodeCursor(c: z.infer<typeof cursorSchema>): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}
function decodeCursor(raw: string): z.infer<typeof cursorSchema> {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw new TRPCError({ code: "BAD_REQUEST", message: "cursor: malformed cursor" });
  }
}

export const productsRouter = router({
  list: publicProcedure
    .input(
      z.object({
        category: z.string().min(1).optional(),
        limit: z.number().int().min(1).max(100).default(24),
        cursor: z.string().optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { db } = ctx.deps;
      const where = [eq(products.status, "active")];
      if (input.category) {
        const cats = await allCategories(db);
        const root = cats.find((c) => c.slug === input.category);
        if (!root) throw new TRPCError({ code: "NOT_FOUND", message: `category: no category "${input.category}"` });
        const ids = descendantIds(cats, root.id);
        where.push(
          inArray(
            products.id,
            db.orm
              .select({ id: productCategories.productId })
              .from(productCategories)
              .where(inArray(productCategories.categoryId, ids)),
          ),
        );
      }
      if (input.cursor) {
        const c = decodeCursor(input.cursor);
        const at = new Date(c.createdAt);
        const after = or(lt(products.createdAt, at), and(eq(products.createdAt, at), lt(products.id, c.id)));
        if (after) where.push(after);
      }
      const page = await db.orm
        .select({ id: products.id, createdAt: products.createdAt })
        .from(products)
        .where(and(...where))
        .orderBy(desc(products.createdAt), desc(products.id))
        .limit(input.limit + 1);
      const more = page.length > input.limit;
      const shown = page.slice(0, input.limit);
      const last = shown.at(-1);
      ctx.resHeaders.set("cache-control", PUBLIC_CACHE);
      return {
        items: await loadProducts(
          db,
          shown.map((p) => p.id),
        ),
        nextCursor: more && last ? encodeCursor({ createdAt: last.createdAt.getTime(), id: last.id }) : null,
      };
    }),

  bySlug: publicProcedure.input(z.object({ slug: z.string().min(1).max(200) })).query(async ({ ctx, input }) => {
    const { db } = ctx.deps;
    const isAdmin = ctx.user?.role === "admin";
    const id = await productIdBySlug(db, input.slug, isAdmin);
    const [product] = id ? await loadProducts(db, [id]) : [];
    if (!product) throw new TRPCError({ code: "NOT_FOUND", message: `slug: no product "${input.slug}"` });
    const cats = await allCategories(db);
    const primary = product.categoryIds[0];
    if (!isAdmin) ctx.resHeaders.set("cache-control", PUBLIC_CACHE);
    return {
      ...product,
      categories: cats.filter((c) => product.categoryIds.includes(c.id)),
      breadcrumbs: primary ? breadcrumbs(cats, primary) : [],
    };
  }),

  /** Sellable variants by SKU with their product's title and image: for carts and orders. */
  bySkus: publicProcedure
    .input(z.object({ skus: z.array(z.string().min(1).max(64)).min(1).max(100) }))
    .query(async ({ ctx, input }) => {
      const { db } = ctx.deps;
      const rows = await db.orm
        .select({ variant: variants, product: products })
        .from(variants)
        .innerJoin(products, eq(products.id, variants.productId))
        .where(inArray(variants.sku, [...new Set(input.skus)]));
      return rows.map(({ variant, product }) => ({
        sku: variant.sku,
        productId: product.id,
        productSlug: product.slug,
        title: product.title,
        image: product.images[0] ?? null,
        options: variant.options,
        price: variant.price,
        compareAtPrice: variant.compareAtPrice,
        currency: variant.currency,
        status: product.status,
        available: variant.available,
      }));
    }),

  byIds: publicProcedure
    .input(z.object({ ids: z.array(z.string().min(1)).min(1).max(100) }))
    .query(async ({ ctx, input }) => {
      const found = await loadProducts(ctx.deps.db, [...new Set(input.ids)]);
      return ctx.user?.role === "admin" || ctx.caller ? found : found.filter((p) => p.status === "active");
    }),
});

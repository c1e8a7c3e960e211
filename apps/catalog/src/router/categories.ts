import { allCategories } from "../db/queries.ts";
import { buildTree } from "../domain/category-tree.ts";
import { publicProcedure, router } from "../trpc.ts";

export const categoriesRouter = router({
  tree: publicProcedure.query(async ({ ctx }) => {
    ctx.resHeaders.set("cache-control", "public, max-age=30, stale-while-revalidate=300");
    return buildTree(await allCategories(ctx.deps.db));
  }),
});

import { categoryTree } from "../app/category-tree.ts";
import { categoryNodeSchema } from "../contract-views.ts";
import { CACHE, setPublicCache } from "../http/cache-headers.ts";
import { publicProcedure, router } from "../trpc.ts";

export const categoriesRouter = router({
  tree: publicProcedure
    .meta({
      openapi: { method: "GET", path: "/categories", tags: ["catalog"], summary: "The category tree", protect: false },
    })
    .output(categoryNodeSchema.array())
    .query(async ({ ctx }) => {
      const tree = await categoryTree(ctx.deps.db.orm);
      setPublicCache(ctx.resHeaders, CACHE.tree);
      return tree;
    }),
});

import { createCategory, deleteCategory, moveCategory, renameCategory } from "../admin/categories.ts";
import {
  categoryIdInput,
  createCategoryInput,
  createProductInput,
  moveCategoryInput,
  productIdInput,
  renameCategoryInput,
  updateProductInput,
} from "../admin/inputs.ts";
import { createProduct, setArchived, updateProduct } from "../admin/products.ts";
import { setPrivate } from "../http/cache-headers.ts";
import { adminListInput } from "../read/inputs.ts";
import { listProducts } from "../read/list-products.ts";
import { productById } from "../read/products.ts";
import { adminProcedure, router } from "../trpc.ts";

/** Every admin answer depends on who asks: never stored by a shared cache. */
const admin = adminProcedure.use(({ ctx, next }) => {
  setPrivate(ctx.resHeaders);
  return next();
});

/** A product change then the relay kick that publishes its event right after the commit. */
const productWrite = admin.use(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) ctx.deps.relay.kick();
  return result;
});

export const adminRouter = router({
  products: router({
    /** Every status (filter with `status`); the same filters, search and facets as the shop. */
    list: admin
      .input(adminListInput)
      .query(({ ctx, input }) => listProducts(ctx.deps.db.orm, input, { includeHidden: true })),
    byId: admin.input(productIdInput).query(({ ctx, input }) => productById(ctx.deps.db.orm, input.id)),
    create: productWrite
      .input(createProductInput)
      .mutation(({ ctx, input }) =>
        ctx.deps.db.write((tx) => createProduct(tx, input, { correlationId: ctx.requestId })),
      ),
    update: productWrite
      .input(updateProductInput)
      .mutation(({ ctx, input }) =>
        ctx.deps.db.write((tx) => updateProduct(tx, input, { correlationId: ctx.requestId })),
      ),
    archive: productWrite
      .input(productIdInput)
      .mutation(({ ctx, input }) =>
        ctx.deps.db.write((tx) => setArchived(tx, input.id, true, { correlationId: ctx.requestId })),
      ),
    restore: productWrite
      .input(productIdInput)
      .mutation(({ ctx, input }) =>
        ctx.deps.db.write((tx) => setArchived(tx, input.id, false, { correlationId: ctx.requestId })),
      ),
  }),
  categories: router({
    create: admin
      .input(createCategoryInput)
      .mutation(({ ctx, input }) => ctx.deps.db.write((tx) => createCategory(tx, input))),
    rename: admin
      .input(renameCategoryInput)
      .mutation(({ ctx, input }) => ctx.deps.db.write((tx) => renameCategory(tx, input.id, input.name))),
    move: admin
      .input(moveCategoryInput)
      .mutation(({ ctx, input }) =>
        ctx.deps.db.write((tx) => moveCategory(tx, input.id, input.parentId, input.position)),
      ),
    delete: admin
      .input(categoryIdInput)
      .mutation(({ ctx, input }) => ctx.deps.db.write((tx) => deleteCategory(tx, input.id))),
  }),
});

import { deleteRegion } from "../app/delete-region.ts";
import { createCategory, deleteCategory, moveCategory, renameCategory } from "../app/edit-categories.ts";
import { archiveProduct, createProduct, restoreProduct, updateProduct } from "../app/edit-products.ts";
import { listRegionsForAdmin } from "../app/read-regions.ts";
import { saveRegion } from "../app/save-region.ts";
import { listProductsForStaff, productForStaff } from "../app/seller-products.ts";
import {
  adminListInput,
  categoryIdInput,
  createCategoryInput,
  createProductInput,
  moveCategoryInput,
  productIdInput,
  regionIdInput,
  renameCategoryInput,
  saveRegionInput,
  updateProductInput,
} from "../contract.ts";
import { setPrivate } from "../http/cache-headers.ts";
import { adminProcedure, router } from "../trpc.ts";

/** Every admin answer depends on who asks: never stored by a shared cache. */
const admin = adminProcedure.use(({ ctx, next }) => {
  setPrivate(ctx.resHeaders);
  return next();
});

export const adminRouter = router({
  products: router({
    /** Every status (filter with `status`); the same filters, search and facets as the shop. */
    list: admin.input(adminListInput).query(({ ctx, input }) => listProductsForStaff(ctx.deps.db.orm, input)),
    byId: admin.input(productIdInput).query(({ ctx, input }) => productForStaff(ctx.deps.db.orm, input.id)),
    create: admin
      .input(createProductInput)
      .mutation(({ ctx, input }) => createProduct(ctx.deps, input, { correlationId: ctx.requestId })),
    update: admin
      .input(updateProductInput)
      .mutation(({ ctx, input }) => updateProduct(ctx.deps, input, { correlationId: ctx.requestId })),
    archive: admin
      .input(productIdInput)
      .mutation(({ ctx, input }) => archiveProduct(ctx.deps, input.id, { correlationId: ctx.requestId })),
    restore: admin
      .input(productIdInput)
      .mutation(({ ctx, input }) => restoreProduct(ctx.deps, input.id, { correlationId: ctx.requestId })),
  }),
  categories: router({
    create: admin.input(createCategoryInput).mutation(({ ctx, input }) => createCategory(ctx.deps, input)),
    rename: admin
      .input(renameCategoryInput)
      .mutation(({ ctx, input }) => renameCategory(ctx.deps, input.id, input.name)),
    move: admin
      .input(moveCategoryInput)
      .mutation(({ ctx, input }) => moveCategory(ctx.deps, input.id, input.parentId, input.position)),
    delete: admin.input(categoryIdInput).mutation(({ ctx, input }) => deleteCategory(ctx.deps, input.id)),
  }),
  regions: router({
    /** Every region with all its shipping options, active or not. */
    list: admin.query(({ ctx }) => listRegionsForAdmin(ctx.deps.regions)),
    /** Creates (no `id`) or replaces a whole region; refusals name the field (`countries`, `taxRates.2.country`...). */
    save: admin.input(saveRegionInput).mutation(({ ctx, input }) => saveRegion(ctx.deps, input)),
    /** Deletes a region; the default region is refused (409 naming `id`). */
    delete: admin.input(regionIdInput).mutation(({ ctx, input }) => deleteRegion(ctx.deps, input.id)),
  }),
});

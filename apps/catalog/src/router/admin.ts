import { deleteRegion } from "../app/delete-region.ts";
import { createCategory, deleteCategory, moveCategory, renameCategory } from "../app/edit-categories.ts";
import { archiveProduct, createProduct, restoreProduct, updateProduct } from "../app/edit-products.ts";
import { exportProductsPage } from "../app/export-products.ts";
import { importJobFor, startImport, textSource } from "../app/import-products.ts";
import { deletePriceList, listPriceLists, savePriceList } from "../app/price-lists.ts";
import { listLegalPagesForAdmin } from "../app/read-legal-pages.ts";
import { listRegionsForAdmin } from "../app/read-regions.ts";
import { saveLegalPage } from "../app/save-legal-page.ts";
import { saveRegion } from "../app/save-region.ts";
import { listProductsForStaff, productForStaff } from "../app/seller-products.ts";
import { listSynonyms, removeSynonym, saveSynonym } from "../app/synonyms.ts";
import {
  adminListInput,
  categoryIdInput,
  createCategoryInput,
  createProductInput,
  exportPage,
  exportPageInput,
  importJob,
  importJobIdInput,
  moveCategoryInput,
  priceListIdInput,
  priceListSchema,
  productIdInput,
  regionIdInput,
  removeSynonymInput,
  renameCategoryInput,
  saveLegalPageInput,
  savePriceListInput,
  saveRegionInput,
  saveSynonymInput,
  startImportInput,
  updateProductInput,
} from "../contract.ts";
import { productChangeSchema } from "../contract-views.ts";
import { router } from "../trpc.ts";
import { imagesRouter } from "./images.ts";
import { restAdminProductProcedures, staffRest } from "./rest-admin-products.ts";
import { admin } from "./staff.ts";

export const adminRouter = router({
  products: router({
    /** Uploaded images (#27): list, reorder, alt text, delete. */
    images: imagesRouter,
    /** Every status (filter with `status`); the same filters, search and facets as the shop. */
    list: admin("catalog.write")
      .input(adminListInput)
      .query(({ ctx, input }) => listProductsForStaff(ctx.deps, input)),
    byId: admin("catalog.write")
      .input(productIdInput)
      .query(({ ctx, input }) => productForStaff(ctx.deps.db.orm, input.id)),
    create: admin("catalog.write")
      .meta(staffRest("POST", "/admin/products", "Create a product with its variants and prices"))
      .input(createProductInput)
      .output(productChangeSchema)
      .mutation(({ ctx, input }) => createProduct(ctx.deps, input, { correlationId: ctx.requestId })),
    /** Only the fields given change; `variants`, when given, is the whole new list. */
    update: admin("catalog.write")
      .meta(staffRest("PATCH", "/admin/products/{id}", "Update a product"))
      .input(updateProductInput)
      .output(productChangeSchema)
      .mutation(({ ctx, input }) => updateProduct(ctx.deps, input, { correlationId: ctx.requestId })),
    archive: admin("catalog.write")
      .meta(staffRest("POST", "/admin/products/{id}/archive", "Archive a product (hide it from the shop)"))
      .input(productIdInput)
      .output(productChangeSchema)
      .mutation(({ ctx, input }) => archiveProduct(ctx.deps, input.id, { correlationId: ctx.requestId })),
    restore: admin("catalog.write")
      .meta(staffRest("POST", "/admin/products/{id}/restore", "Restore an archived product as a draft"))
      .input(productIdInput)
      .output(productChangeSchema)
      .mutation(({ ctx, input }) => restoreProduct(ctx.deps, input.id, { correlationId: ctx.requestId })),
    ...restAdminProductProcedures,
  }),
  /** Product CSV imports (#24): start one (it runs in the background) and follow its job. */
  imports: router({
    start: admin("catalog.write")
      .input(startImportInput)
      .output(importJob)
      .mutation(({ ctx, input }) =>
        startImport(ctx.deps, textSource(input.fileName, input.csv), {
          dryRun: input.dryRun,
          strict: input.strict,
          createdBy: ctx.user.id,
          correlationId: ctx.requestId,
        }),
      ),
    byId: admin("catalog.write")
      .input(importJobIdInput)
      .output(importJob)
      .query(({ ctx, input }) => importJobFor(ctx.deps.db.orm, input.id)),
  }),
  /** CSV exports (#24): the product CSV a page at a time, in the import's columns. */
  exports: router({
    products: admin("catalog.write")
      .input(exportPageInput)
      .output(exportPage)
      .query(({ ctx, input }) => exportProductsPage(ctx.deps.db.orm, input.cursor)),
  }),
  categories: router({
    create: admin("catalog.write")
      .input(createCategoryInput)
      .mutation(({ ctx, input }) => createCategory(ctx.deps, input)),
    rename: admin("catalog.write")
      .input(renameCategoryInput)
      .mutation(({ ctx, input }) => renameCategory(ctx.deps, input.id, input.name)),
    move: admin("catalog.write")
      .input(moveCategoryInput)
      .mutation(({ ctx, input }) => moveCategory(ctx.deps, input.id, input.parentId, input.position)),
    delete: admin("catalog.write")
      .input(categoryIdInput)
      .mutation(({ ctx, input }) => deleteCategory(ctx.deps, input.id)),
  }),
  regions: router({
    /** Every region with all its shipping options, active or not. */
    list: admin("regions.write").query(({ ctx }) => listRegionsForAdmin(ctx.deps.regions)),
    /** Creates (no `id`) or replaces a whole region; refusals name the field (`countries`, `taxRates.2.country`...). */
    save: admin("regions.write")
      .input(saveRegionInput)
      .mutation(({ ctx, input }) => saveRegion(ctx.deps, input)),
    /** Deletes a region; the default region is refused (409 naming `id`). */
    delete: admin("regions.write")
      .input(regionIdInput)
      .mutation(({ ctx, input }) => deleteRegion(ctx.deps, input.id)),
  }),
  // Price lists (#27): scheduled sales and customer groups' prices (app/price-lists.ts). Like
  // discount codes they change what shoppers pay for every seller's products: discounts.write.
  priceLists: router({
    list: admin("discounts.write")
      .output(priceListSchema.array())
      .query(({ ctx }) => listPriceLists(ctx.deps.db.orm)),
    /** Creates (no `id`) or replaces a list whole; refusals name the field (`endsAt`, `prices.2.sku`...). */
    save: admin("discounts.write")
      .input(savePriceListInput)
      .output(priceListSchema)
      .mutation(({ ctx, input }) => savePriceList(ctx.deps, input)),
    delete: admin("discounts.write")
      .input(priceListIdInput)
      .mutation(({ ctx, input }) => deletePriceList(ctx.deps, input.id)),
  }),
  // Search synonyms (#25): applied to the next search, no restart (app/synonyms.ts).
  search: router({
    synonyms: router({
      list: admin("catalog.write").query(({ ctx }) => listSynonyms(ctx.deps)),
      /** Adds a pair (or changes its direction); refusals name the field (`word`, `synonym`). */
      save: admin("catalog.write")
        .input(saveSynonymInput)
        .mutation(({ ctx, input }) => saveSynonym(ctx.deps, input)),
      /** Removes a pair; 404 naming `synonym` when it is not there. */
      remove: admin("catalog.write")
        .input(removeSynonymInput)
        .mutation(({ ctx, input }) => removeSynonym(ctx.deps, input)),
    }),
  }),
  // Legal pages (#21): terms, privacy, returns, imprint, in Markdown; each save is audited.
  pages: router({
    /** Every slug of the contract's list, with its page when written (`page: null` otherwise). */
    list: admin("content.write").query(({ ctx }) => listLegalPagesForAdmin(ctx.deps)),
    /** Writes one page whole; refusals name the field (`slug`, `title`, `body` over its bound). */
    save: admin("content.write")
      .input(saveLegalPageInput)
      .mutation(({ ctx, input }) => saveLegalPage(ctx.deps, input)),
  }),
});

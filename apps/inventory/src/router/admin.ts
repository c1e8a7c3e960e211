import { adjustStock } from "../app/adjust.ts";
import { exportStockPage } from "../app/export-stock.ts";
import { setLowStockThreshold } from "../app/low-stock-threshold.ts";
import { listStock, stockLedger } from "../app/stock-list.ts";
import {
  adjustedStock,
  adjustInput,
  exportPage,
  exportPageInput,
  ledgerEntry,
  ledgerInput,
  listStockInput,
  setLowStockThresholdInput,
  stockLevel,
  stockPage,
} from "../contract.ts";
import { router, staffProcedure } from "../trpc.ts";

export const adminRouter = router({
  adjust: staffProcedure("inventory.adjust")
    .input(adjustInput)
    .output(adjustedStock)
    .mutation(({ ctx, input }) => adjustStock(ctx.deps, { ...input, actor: ctx.user.id })),

  /** A SKU's low-stock threshold (#22): at or below it, staff get a low-stock alert. Audited. */
  setLowStockThreshold: staffProcedure("inventory.adjust")
    .meta({
      openapi: {
        method: "PUT",
        path: "/admin/stock/{sku}/low-stock-threshold",
        tags: ["stock"],
        summary: "Set a SKU's low-stock threshold",
        protect: true,
      },
    })
    .input(setLowStockThresholdInput)
    .output(stockLevel)
    .mutation(({ ctx, input }) => setLowStockThreshold(ctx.deps, input)),

  list: staffProcedure("inventory.adjust")
    .meta({ openapi: { method: "GET", path: "/admin/stock", tags: ["stock"], summary: "Stock levels", protect: true } })
    .input(listStockInput)
    .output(stockPage)
    .query(({ ctx, input }) => listStock(ctx.deps, input)),

  ledger: staffProcedure("inventory.adjust")
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/stock/{sku}/ledger",
        tags: ["stock"],
        summary: "A SKU's stock movements",
        protect: true,
      },
    })
    .input(ledgerInput)
    .output(ledgerEntry.array())
    .query(({ ctx, input }) => stockLedger(ctx.deps, input.sku, input.limit)),

  /** CSV exports (#24): the stock CSV a page at a time (header on the first), a seller's own SKUs. */
  exports: router({
    stock: staffProcedure("inventory.adjust")
      .input(exportPageInput)
      .output(exportPage)
      .query(({ ctx, input }) => exportStockPage(ctx.deps, input.cursor)),
  }),
});

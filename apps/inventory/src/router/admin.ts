import { adjustStock } from "../app/adjust.ts";
import { setLowStockThreshold } from "../app/low-stock-threshold.ts";
import { listStock, stockLedger } from "../app/stock-list.ts";
import {
  adjustedStock,
  adjustInput,
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
    .input(setLowStockThresholdInput)
    .output(stockLevel)
    .mutation(({ ctx, input }) => setLowStockThreshold(ctx.deps, input)),

  list: staffProcedure("inventory.adjust")
    .input(listStockInput)
    .output(stockPage)
    .query(({ ctx, input }) => listStock(ctx.deps, input)),

  ledger: staffProcedure("inventory.adjust")
    .input(ledgerInput)
    .output(ledgerEntry.array())
    .query(({ ctx, input }) => stockLedger(ctx.deps, input.sku, input.limit)),
});

import { adjustStock } from "../app/adjust.ts";
import { listStock, stockLedger } from "../app/stock-list.ts";
import { adjustedStock, adjustInput, ledgerEntry, ledgerInput, listStockInput, stockPage } from "../contract.ts";
import { router, staffProcedure } from "../trpc.ts";

export const adminRouter = router({
  adjust: staffProcedure("inventory.adjust")
    .input(adjustInput)
    .output(adjustedStock)
    .mutation(({ ctx, input }) => adjustStock(ctx.deps, { ...input, actor: ctx.user.id })),

  list: staffProcedure("inventory.adjust")
    .input(listStockInput)
    .output(stockPage)
    .query(({ ctx, input }) => listStock(ctx.deps, input)),

  ledger: staffProcedure("inventory.adjust")
    .input(ledgerInput)
    .output(ledgerEntry.array())
    .query(({ ctx, input }) => stockLedger(ctx.deps, input.sku, input.limit)),
});

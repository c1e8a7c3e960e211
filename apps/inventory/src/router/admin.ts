import { adjustStock } from "../app/adjust.ts";
import { listStock, stockLedger } from "../app/stock-list.ts";
import { adjustedStock, adjustInput, ledgerEntry, ledgerInput, listStockInput, stockPage } from "../contract.ts";
import { adminProcedure, router } from "../trpc.ts";

export const adminRouter = router({
  adjust: adminProcedure
    .input(adjustInput)
    .output(adjustedStock)
    .mutation(({ ctx, input }) => adjustStock(ctx.deps, { ...input, actor: ctx.user.id })),

  list: adminProcedure
    .input(listStockInput)
    .output(stockPage)
    .query(({ ctx, input }) => listStock(ctx.deps, input)),

  ledger: adminProcedure
    .input(ledgerInput)
    .output(ledgerEntry.array())
    .query(({ ctx, input }) => stockLedger(ctx.deps, input.sku, input.limit)),
});

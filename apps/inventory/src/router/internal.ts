import { checkBooks, reservationFor } from "../app/audit.ts";
import { setStock } from "../app/set-stock.ts";
import { booksCheck, reservation, reservationForInput, setStockInput, setStockResult } from "../contract.ts";
import { internalProcedure, router } from "../trpc.ts";

/** For other services and the benchmark, with a service credential. */
export const internalRouter = router({
  /** For saga checks and debugging. */
  reservationFor: internalProcedure(["orders", "ops"])
    .input(reservationForInput)
    .output(reservation.nullable())
    .query(({ ctx, input }) => reservationFor(ctx.deps, input.orderId)),

  totals: internalProcedure(["ops"])
    .output(booksCheck)
    .query(({ ctx }) => checkBooks(ctx.deps)),

  /** The catalog's CSV import (#24) sets on-hand stock: set-to, so a re-run changes nothing. */
  setStock: internalProcedure(["catalog", "ops"])
    .input(setStockInput)
    .output(setStockResult)
    .mutation(({ ctx, input }) => setStock(ctx.deps, { ...input, actor: ctx.caller ?? "system" })),
});

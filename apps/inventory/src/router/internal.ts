import { z } from "zod";
import { books, reservationOf } from "../db/queries.ts";
import { internalProcedure, router } from "../trpc.ts";

/** For other services and the benchmark, with a service credential. */
export const internalRouter = router({
  /** The order's reservation (or refusal), or null: for saga checks and debugging. */
  reservationFor: internalProcedure
    .input(z.object({ orderId: z.string().min(1).max(100) }))
    .query(({ ctx, input }) => reservationOf(ctx.deps.db, input.orderId)),

  /** Per SKU: levels beside the ledger sums, and whether all of them balance. */
  totals: internalProcedure.query(async ({ ctx }) => {
    const skus = await books(ctx.deps.db);
    return { balanced: skus.every((s) => s.balanced), skus };
  }),
});

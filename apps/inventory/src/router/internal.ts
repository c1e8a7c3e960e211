import { checkBooks, reservationFor } from "../app/audit.ts";
import { booksCheck, reservation, reservationForInput } from "../contract.ts";
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
});

import { exportFor } from "../app/export-for.ts";
import { orderContact } from "../app/order-contact.ts";
import { orderBooks } from "../app/order-reports.ts";
import { exportForInput, orderRefInput } from "../contract.ts";
import { internalProcedure, router } from "../trpc.ts";

export const internalRouter = router({
  /** Who to write to about an order (notifications). */
  contact: internalProcedure(["notifications"])
    .input(orderRefInput)
    .query(({ ctx, input }) => orderContact(ctx.deps, input.orderId)),

  /** The books, for reconciliation checks (benchmarks, audits): orders by status and money taken. */
  books: internalProcedure(["ops"]).query(({ ctx }) => orderBooks(ctx.deps)),

  /** A user's orders and their guest orders, for identity's data export. */
  exportFor: internalProcedure(["identity"])
    .input(exportForInput)
    .query(({ ctx, input }) => exportFor(ctx.deps, input)),
});

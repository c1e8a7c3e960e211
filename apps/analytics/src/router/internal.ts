import { lagInput } from "../contract.ts";
import { internalProcedure, router } from "../trpc.ts";

export const internalRouter = router({
  /**
   * The consumer lag since start (or the last reset): from JetStream storing each event to its
   * record here, and `endToEnd` from the event's own `occurredAt`. For the benchmark and operators.
   */
  lag: internalProcedure(["ops"])
    .input(lagInput)
    .query(({ ctx, input }) => {
      const summary = { ...ctx.deps.lag.summary(), endToEnd: ctx.deps.endToEnd.summary() };
      if (input.reset) {
        ctx.deps.lag.reset();
        ctx.deps.endToEnd.reset();
      }
      return summary;
    }),
});

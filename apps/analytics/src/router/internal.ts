import { lagInput } from "../contract.ts";
import { internalProcedure, router } from "../trpc.ts";

export const internalRouter = router({
  /** The consumer lag since start (or the last reset): for the benchmark and operators. */
  lag: internalProcedure(["ops"])
    .input(lagInput)
    .query(({ ctx, input }) => {
      const summary = ctx.deps.lag.summary();
      if (input.reset) ctx.deps.lag.reset();
      return summary;
    }),
});

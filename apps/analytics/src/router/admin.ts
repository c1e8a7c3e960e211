import { report } from "../app/report.ts";
import { today, todayStream } from "../app/today.ts";
import { reportInput, todayInput } from "../contract.ts";
import { router, staffProcedure } from "../trpc.ts";

export const adminRouter = router({
  /** A range in one currency against the period before it: totals, per day, funnel, tops, searches, stock at risk. */
  report: staffProcedure("analytics.read")
    .input(reportInput)
    .query(({ ctx, input }) => report(ctx.deps, input)),

  /** Today's (UTC) tiles per currency. */
  today: staffProcedure("analytics.read")
    .input(todayInput)
    .query(({ ctx, input }) => today(ctx.deps, input.currency)),

  /** Today's tiles, again each time an order is paid or refunded (SSE). */
  onToday: staffProcedure("analytics.read")
    .input(todayInput)
    .subscription(({ ctx, input, signal }) => todayStream(ctx.deps, input.currency, signal)),
});

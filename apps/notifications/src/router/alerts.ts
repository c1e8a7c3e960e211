import { alertStream } from "../app/alert-stream.ts";
import { acknowledgeAlert, acknowledgeAllAlerts, alertPage } from "../app/alerts.ts";
import { acknowledgedSchema, alertIdInput, alertListInput, alertPageSchema } from "../contract.ts";
import { router, staffProcedure } from "../trpc.ts";

/** `notifications.alerts.*` (#22): live staff alerts — list, acknowledge, and the live stream. */
export const alertsRouter = router({
  /** Newest first, with the unread count; `nextCursor` is null on the last page. */
  list: staffProcedure("alerts.read")
    .input(alertListInput)
    .output(alertPageSchema)
    .query(({ ctx, input }) => {
      ctx.resHeaders.set("cache-control", "private, no-store");
      return alertPage(ctx.deps, input);
    }),

  /** Marks one alert acknowledged by the caller (who and when; audited). */
  acknowledge: staffProcedure("alerts.read")
    .input(alertIdInput)
    .output(acknowledgedSchema)
    .mutation(({ ctx, input }) => acknowledgeAlert(ctx.deps, input.id)),

  /** Marks every unread alert acknowledged by the caller (one audit entry). */
  acknowledgeAll: staffProcedure("alerts.read")
    .output(acknowledgedSchema)
    .mutation(({ ctx }) => acknowledgeAllAlerts(ctx.deps)),

  /** SSE: the unread count, then each new alert with the count, as they are published. */
  onAlert: staffProcedure("alerts.read").subscription(({ ctx, signal }) => alertStream(ctx.deps, signal)),
});

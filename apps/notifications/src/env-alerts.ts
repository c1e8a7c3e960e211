import { z } from "zod";

/** The live staff alerts' variables (#22), spread into the notifications env schema. */
export const alertsEnvShape = {
  /** A payment-failure spike: this many `payments.failed.v1`… */
  ALERT_PAYMENT_FAILURES: z.coerce.number().int().min(1).max(10_000).default(5),
  /** …within this many seconds (sliding); at most one spike alert per window. */
  ALERT_PAYMENT_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
  /** An order placed and neither paid nor cancelled for this many seconds is stuck. */
  ALERT_STUCK_ORDER_SECONDS: z.coerce.number().int().min(1).default(1800),
  /** How often the stuck-order check runs. */
  ALERT_STUCK_CHECK_MS: z.coerce.number().int().min(50).default(30_000),
};

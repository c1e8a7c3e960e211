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

/** The support chat's variables (#22), spread into the notifications env schema. */
export const supportEnvShape = {
  /** A shopper or staff member may send this many chat messages… */
  SUPPORT_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
  /** …per this many seconds (a fixed window in Redis). */
  SUPPORT_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /** An answer the shopper has not seen within this many seconds is mailed to them (once). */
  SUPPORT_AWAY_EMAIL_SECONDS: z.coerce.number().int().min(1).default(300),
  /** How often the away-email check runs. */
  SUPPORT_AWAY_CHECK_MS: z.coerce.number().int().min(50).default(10_000),
};

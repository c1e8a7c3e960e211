import { baseEnvSchema, ownPortSchema } from "@mercato/kit";
import { z } from "zod";

export const analyticsEnvSchema = baseEnvSchema.extend({
  PORT: ownPortSchema("analytics"),
  /** The days of sales a SKU's rate is taken over, for its days of cover. */
  SALES_RATE_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** A SKU that sells and would run out within this many days is "at risk". */
  STOCK_RISK_DAYS: z.coerce.number().int().min(1).max(365).default(7),
});

export type AnalyticsEnv = z.infer<typeof analyticsEnvSchema>;

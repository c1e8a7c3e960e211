import type { BaseDeps } from "@mercato/kit";
import type * as schema from "./db/schema.ts";
import type { LagMeter } from "./domain/lag.ts";
import type { AnalyticsEnv } from "./env.ts";
import type { LiveToday } from "./live/live-today.ts";

export type AnalyticsDeps = BaseDeps<typeof schema, AnalyticsEnv> & {
  live: LiveToday;
  /** From JetStream storing an event to analytics recording it: the consumer's lag. */
  lag: LagMeter;
  /** From the event's `occurredAt` (its service's commit) to analytics recording it: includes the producer's outbox relay. */
  endToEnd: LagMeter;
};

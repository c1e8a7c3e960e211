import { fileURLToPath } from "node:url";
import { defineService } from "@mercato/kit";
import * as schema from "./db/schema.ts";
import type { AnalyticsDeps } from "./deps.ts";
import { LagMeter } from "./domain/lag.ts";
import { analyticsEnvSchema } from "./env.ts";
import { analyticsHandlers } from "./events/handlers.ts";
import { createLiveToday } from "./live/live-today.ts";
import { analyticsRouter } from "./router/index.ts";

export const analyticsService = defineService({
  name: "analytics",
  envSchema: analyticsEnvSchema,
  schema,
  migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
  router: analyticsRouter,
  extend(base): AnalyticsDeps {
    return { ...base, live: createLiveToday(base.bus.nc, base.log), lag: new LagMeter(), endToEnd: new LagMeter() };
  },
  handlers: analyticsHandlers,
  // Events of one key (an order, a SKU) stay in order; every table ends the same in any order anyway (db/schema.ts).
  consumer: { concurrency: 4 },
  workers: (deps) => [{ name: "live-today", start: () => deps.live.start(), stop: async () => deps.live.stop() }],
});

import { router } from "../trpc.ts";
import { adminRouter } from "./admin.ts";
import { internalRouter } from "./internal.ts";

/** The analytics API, under the `analytics` namespace as everywhere in the platform. */
export const analyticsRouter = router({
  analytics: router({
    admin: adminRouter,
    internal: internalRouter,
  }),
});

export type AnalyticsRouter = typeof analyticsRouter;

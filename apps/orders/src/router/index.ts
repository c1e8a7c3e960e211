import { router } from "../trpc.ts";
import { accessLinkInternalProcedures, accessLinkProcedures } from "./access-links.ts";
import { adminRouter } from "./admin.ts";
import { auditRouter } from "./audit.ts";
import { internalRouter } from "./internal.ts";
import { shopperRouter } from "./shopper.ts";

/** The orders API, under the `orders` namespace as everywhere in the platform. */
export const ordersRouter = router({
  orders: router({
    ...shopperRouter,
    // Guest order links and the order lookup (#21).
    ...accessLinkProcedures,
    // The admin router with the audit log beside it (#20).
    admin: router({ ...adminRouter._def.record, audit: auditRouter }),
    internal: router({ ...internalRouter._def.record, ...accessLinkInternalProcedures }),
  }),
});

export type OrdersRouter = typeof ordersRouter;

import { router } from "../trpc.ts";
import { adminRouter } from "./admin.ts";
import { internalRouter } from "./internal.ts";
import { shopperRouter } from "./shopper.ts";

/** The orders API, under the `orders` namespace as everywhere in the platform. */
export const ordersRouter = router({
  orders: router({
    ...shopperRouter,
    admin: adminRouter,
    internal: internalRouter,
  }),
});

export type OrdersRouter = typeof ordersRouter;

import { router } from "../trpc.ts";
import { adminRouter } from "./admin.ts";
import { internalRouter } from "./internal.ts";
import { stockProcedures } from "./stock.ts";

/** The inventory's API, under the `inventory` namespace as everywhere in the platform. */
export const inventoryRouter = router({
  inventory: router({
    ...stockProcedures,
    admin: adminRouter,
    internal: internalRouter,
  }),
});

export type InventoryRouter = typeof inventoryRouter;

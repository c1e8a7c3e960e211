import { router } from "../trpc.ts";
import { adminRouter } from "./admin.ts";
import { auditRouter } from "./audit.ts";
import { internalRouter } from "./internal.ts";
import { stockProcedures } from "./stock.ts";

/** The inventory's API, under the `inventory` namespace as everywhere in the platform. */
export const inventoryRouter = router({
  inventory: router({
    ...stockProcedures,
    // The admin router with the audit log beside it (#20).
    admin: router({ ...adminRouter._def.record, audit: auditRouter }),
    internal: internalRouter,
  }),
});

export type InventoryRouter = typeof inventoryRouter;

import { router } from "../trpc.ts";
import { adminCodesRouter } from "./admin-codes.ts";
import { discountProcedures } from "./discount.ts";
import { internalRouter } from "./internal.ts";
import { itemProcedures } from "./items.ts";
import { mergeProcedures } from "./merge.ts";
import { viewProcedures } from "./view.ts";

/** The cart's API, under the `cart` namespace as everywhere in the platform. */
export const cartRouter = router({
  cart: router({
    ...viewProcedures,
    ...itemProcedures,
    ...discountProcedures,
    ...mergeProcedures,
    admin: router({ codes: adminCodesRouter }),
    internal: internalRouter,
  }),
});

export type CartRouter = typeof cartRouter;

import { router } from "../trpc.ts";
import { adminCodesRouter } from "./admin-codes.ts";
import { auditRouter } from "./audit.ts";
import { internalRouter } from "./internal.ts";
import { restCartProcedures } from "./rest-carts.ts";
import { shopperProcedures } from "./shopper.ts";
import { wishlistRouter } from "./wishlist.ts";

/** The cart's API, under the `cart` namespace as everywhere in the platform. */
export const cartRouter = router({
  cart: router({
    ...shopperProcedures,
    // The same use cases as REST resources under /api/v1/carts (#24).
    carts: router(restCartProcedures),
    wishlist: wishlistRouter,
    admin: router({ codes: adminCodesRouter, audit: auditRouter }),
    internal: internalRouter,
  }),
});

export type CartRouter = typeof cartRouter;

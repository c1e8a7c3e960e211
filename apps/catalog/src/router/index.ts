import { router } from "../trpc.ts";
import { adminRouter } from "./admin.ts";
import { categoriesRouter } from "./categories.ts";
import { productsRouter } from "./products.ts";

/** The catalog's API, under the `catalog` namespace as everywhere in the platform. */
export const catalogRouter = router({
  catalog: router({
    products: productsRouter,
    categories: categoriesRouter,
    admin: adminRouter,
  }),
});

export type CatalogRouter = typeof catalogRouter;

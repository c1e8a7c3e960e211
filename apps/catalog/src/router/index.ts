import { router } from "../trpc.ts";
import { adminRouter } from "./admin.ts";
import { auditRouter } from "./audit.ts";
import { categoriesRouter } from "./categories.ts";
import { pagesRouter } from "./pages.ts";
import { productsRouter } from "./products.ts";
import { regionsRouter } from "./regions.ts";
import { reviewsRouter } from "./reviews.ts";

/** The catalog's API, under the `catalog` namespace as everywhere in the platform. */
export const catalogRouter = router({
  catalog: router({
    products: productsRouter,
    categories: categoriesRouter,
    regions: regionsRouter,
    pages: pagesRouter,
    reviews: reviewsRouter,
    // The admin router with the audit log beside it (#20).
    admin: router({ ...adminRouter._def.record, audit: auditRouter }),
  }),
});

export type CatalogRouter = typeof catalogRouter;

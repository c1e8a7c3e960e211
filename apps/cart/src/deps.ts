import type { BaseDeps } from "@mercato/kit";
import type { CartChanges } from "./app/cart-changes.ts";
import type { RegionSource } from "./app/region-source.ts";
import type { SkuSource } from "./app/sku-source.ts";
import type * as schema from "./db/schema.ts";
import type { CartEnv } from "./env.ts";

export type CartDeps = BaseDeps<typeof schema, CartEnv> & {
  /** Current price, title and availability of SKUs (catalog + inventory). */
  skus: SkuSource;
  /** Tells live subscribers that a cart changed. */
  changes: CartChanges;
  /** Regions' rules (currency, tax, shipping) from the catalog, cached briefly. */
  regions: RegionSource;
};

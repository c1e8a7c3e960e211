import type { BaseDeps } from "@mercato/kit";
import type { EdgeSync } from "./app/edge-sync.ts";
import type { StockSetter } from "./app/import-products.ts";
import type { ListingIndexStore } from "./app/listing-index-sync.ts";
import type { RegionStore } from "./app/region-store.ts";
import type * as schema from "./db/schema.ts";
import type { CatalogEnv } from "./env.ts";
import type { MediaStorage } from "./storage/index.ts";

export type CatalogDeps = BaseDeps<typeof schema, CatalogEnv> & {
  /** Listings, totals and facets in memory (#25), refreshed from the database's change log. */
  listingIndex: ListingIndexStore;
  /** Every region, through an in-process copy checked against the database's region revision. */
  regions: RegionStore;
  /** Sets on-hand stock in inventory, for the CSV import (#24). */
  setStock: StockSetter;
  /** The edge's D1 replica (#25), or null when none is configured. */
  edge: EdgeSync | null;
  /** Where uploaded product images are kept (#27): disk or S3, by MEDIA_STORAGE. */
  media: MediaStorage;
};

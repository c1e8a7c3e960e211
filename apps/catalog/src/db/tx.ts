import type { Tx } from "@mercato/db";
import type * as schema from "./schema.ts";

/** A write transaction on the catalog's database. */
export type CatalogTx = Tx<typeof schema>;

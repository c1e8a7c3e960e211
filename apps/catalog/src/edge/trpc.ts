import { formatServiceError } from "@mercato/kit/error-format";
import { wireTransformer } from "@mercato/kit/wire-json";
import { initTRPC } from "@trpc/server";
import type { FacetCache } from "../app/facet-cache.ts";
import type { ReadDb } from "../db/queries.ts";

export interface EdgeContext {
  db: ReadDb;
  facetCache: FacetCache;
  resHeaders: Headers;
}

/**
 * The edge worker's tRPC: the same transformer and the same error answers as the services' kit,
 * from the kit's pure error module (its tRPC module sits beside the libSQL driver and Redis, which
 * cannot be bundled for workerd).
 */
const t = initTRPC.context<EdgeContext>().create({
  transformer: wireTransformer,
  isDev: false,
  errorFormatter: ({ shape, error }) => formatServiceError(shape, error),
});

export const router = t.router;
export const publicProcedure = t.procedure;

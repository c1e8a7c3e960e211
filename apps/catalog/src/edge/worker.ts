import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { drizzle } from "drizzle-orm/d1";
import { memoryFacetCache } from "../app/facet-cache.ts";
import * as schema from "../db/schema.ts";
import { withBodyEtag } from "../http/cache-headers.ts";
import { edgeRouter } from "./router.ts";

export interface Env {
  /** A D1 database holding the catalog's tables (a read replica of the service's database). */
  DB: Parameters<typeof drizzle>[0];
}

/**
 * Lives as long as the isolate. There is no write here to clear it, so a short TTL bounds how
 * stale facet counts can be after the replica changes.
 */
const facetCache = memoryFacetCache(5_000);

/** Cloudflare-style module worker answering the catalog's public tRPC reads at `/trpc`. */
export default {
  fetch(request: Request, env: Env): Promise<Response> {
    const db = drizzle(env.DB, { schema });
    return fetchRequestHandler({
      endpoint: "/trpc",
      req: request,
      router: edgeRouter,
      createContext: ({ resHeaders }) => ({ db, facetCache, resHeaders }),
    }).then((res) => withBodyEtag(res));
  },
};

import { EDGE_PROCEDURES } from "@mercato/catalog/edge-procedures";
import { createServerClient } from "@mercato/client/server";
import { CATALOG_EDGE_URL, SERVER_GATEWAY_URL } from "@/lib/config.ts";
import { priceEpoch, withEpoch } from "./price-epoch.ts";

/** How long catalog answers may be served from Next's data cache before they are fetched again. */
export const CATALOG_REVALIDATE_SECONDS = 30;

const ON_EDGE = new Set<string>(EDGE_PROCEDURES);

/**
 * Where a tRPC call to the gateway goes instead when the catalog's edge worker serves it (#25):
 * the same path and query on `edgeUrl` when every procedure of the (batched) call is one the edge
 * answers, else null (the gateway answers: didYouMean, regions, anything per user).
 */
export function edgeTarget(url: string, edgeUrl: string): string | null {
  const { pathname, search } = new URL(url);
  const match = /^\/trpc\/(.+)$/.exec(pathname);
  if (!match) return null;
  const procedures = decodeURIComponent(match[1]!).split(",");
  if (!procedures.every((p) => ON_EDGE.has(p))) return null;
  return `${edgeUrl.replace(/\/$/, "")}/trpc/${match[1]}${search}`;
}

const nextCache = { next: { revalidate: CATALOG_REVALIDATE_SECONDS, tags: ["catalog"] } };

/** The coming sale boundaries, from the same short cache (see price-epoch.ts). */
async function boundaries(): Promise<Date[]> {
  try {
    return await createServerClient({
      baseUrl: SERVER_GATEWAY_URL,
      fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
        fetch(input, { ...init, ...nextCache })) as typeof fetch,
    }).catalog.products.priceBoundaries.query();
  } catch {
    // Without them the reads are still cached for their short while, as before sales existed.
    return [];
  }
}

// tRPC queries are GETs whose URL holds the input, so Next's data cache keys each answer by what
// was asked. Pages stay dynamic (search params, the header) while the catalog reads are shared.
const cachedFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.toString() : input.url;
  const target = withEpoch(url, priceEpoch(await boundaries(), Date.now()));
  const edge = CATALOG_EDGE_URL ? edgeTarget(target, CATALOG_EDGE_URL) : null;
  return fetch(edge ?? target, { ...init, ...nextCache });
}) as typeof fetch;

/**
 * The catalog as anonymous shoppers see it, for server components (cached for a short while):
 * from the edge worker when CATALOG_EDGE_URL is set, for the reads it serves; else the gateway.
 */
export function catalog() {
  return createServerClient({ baseUrl: SERVER_GATEWAY_URL, fetch: cachedFetch }).catalog;
}

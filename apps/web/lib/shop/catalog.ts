import { createServerClient } from "@mercato/client/server";
import { SERVER_GATEWAY_URL } from "@/lib/config.ts";
import { priceEpoch, withEpoch } from "./price-epoch.ts";

/** How long catalog answers may be served from Next's data cache before they are fetched again. */
export const CATALOG_REVALIDATE_SECONDS = 30;

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
  const epoch = priceEpoch(await boundaries(), Date.now());
  return fetch(withEpoch(url, epoch), { ...init, ...nextCache });
}) as typeof fetch;

/** The catalog as anonymous shoppers see it, for server components (cached for a short while). */
export function catalog() {
  return createServerClient({ baseUrl: SERVER_GATEWAY_URL, fetch: cachedFetch }).catalog;
}

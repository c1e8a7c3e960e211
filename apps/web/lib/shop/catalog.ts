import { createServerClient } from "@mercato/client/server";
import { SERVER_GATEWAY_URL } from "@/lib/config.ts";

/** How long catalog answers may be served from Next's data cache before they are fetched again. */
export const CATALOG_REVALIDATE_SECONDS = 30;

// tRPC queries are GETs whose URL holds the input, so Next's data cache keys each answer by what
// was asked. Pages stay dynamic (search params, the header) while the catalog reads are shared.
const cachedFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
  fetch(input, { ...init, next: { revalidate: CATALOG_REVALIDATE_SECONDS, tags: ["catalog"] } })) as typeof fetch;

/** The catalog as anonymous shoppers see it, for server components (cached for a short while). */
export function catalog() {
  return createServerClient({ baseUrl: SERVER_GATEWAY_URL, fetch: cachedFetch }).catalog;
}

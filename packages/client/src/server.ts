import { createPlatformClient, type HeaderSource, type MercatoClient } from "./links.ts";

export type { MercatoClient, Routers } from "./links.ts";
export type * from "./types.ts";

export interface ServerClientOptions {
  baseUrl: string;
  /** The caller's JWT (from its session), or null for an anonymous request. */
  token?: string | null;
  /** Headers to pass on, e.g. the incoming request's x-request-id. */
  headers?: HeaderSource;
  fetch?: typeof fetch;
}

/**
 * The client for server code (Next.js server components, route handlers, scripts): no React and
 * no subscriptions, the token given by the caller per request. Build one per request, so one
 * user's token never serves another's render.
 */
export function createServerClient(opts: ServerClientOptions): MercatoClient {
  const { token } = opts;
  return createPlatformClient({
    baseUrl: opts.baseUrl,
    fetch: opts.fetch,
    headers: opts.headers,
    getToken: () => token ?? null,
  });
}

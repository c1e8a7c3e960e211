import { httpSubscriptionLink, type TRPCLink } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { EventSource as FetchEventSource } from "eventsource";
import superjson from "superjson";
import { type ClientOptions, createPlatformClient, type MercatoClient, requestHeaders, trpcUrl } from "./links.ts";

export { AuthError, type AuthSession, type AuthUser, createAuthSession } from "./auth.ts";
export type { ClientOptions, HeaderSource, MercatoClient, Routers, ServiceClients, TokenSource } from "./links.ts";
export { guestTokenHeaders } from "./links.ts";
export type * from "./types.ts";

/**
 * The typed client for the whole platform, through the gateway: one tRPC client per service
 * (batched per service), superjson everywhere, the bearer JWT from `getToken` on every request,
 * and live subscriptions over SSE.
 */
export function createMercatoClient(opts: ClientOptions): MercatoClient {
  return createPlatformClient(opts, subscriptionLink);
}

/**
 * Subscriptions over SSE. A native EventSource cannot send an Authorization header, so with a
 * token (or where there is no EventSource, as in Bun) the fetch-based one from the `eventsource`
 * package is used, with the token read afresh on every (re)connection.
 */
function subscriptionLink(opts: ClientOptions): TRPCLink<AnyRouter> {
  const url = trpcUrl(opts.baseUrl);
  const native = globalThis.EventSource;
  if (native && !opts.getToken && !opts.headers && !opts.fetch && !opts.cartToken && !opts.orderTokens) {
    return httpSubscriptionLink<AnyRouter, typeof EventSource>({ url, transformer: superjson, EventSource: native });
  }
  const fetchImpl = opts.fetch ?? globalThis.fetch;
  return httpSubscriptionLink<AnyRouter, typeof FetchEventSource>({
    url,
    transformer: superjson,
    EventSource: FetchEventSource,
    eventSourceOptions: async () => {
      const headers = await requestHeaders(opts);
      return {
        fetch: (input: string | URL, init: RequestInit & { headers: Record<string, string> }) =>
          fetchImpl(input, { ...init, headers: { ...init.headers, ...headers } }),
      };
    },
  });
}

import { httpSubscriptionLink, splitLink, type TRPCLink } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { EventSource as FetchEventSource } from "eventsource";
import superjson from "superjson";
import {
  batchLinkFor,
  type ClientOptions,
  createServiceClients,
  type MercatoClient,
  platformClient,
  requestHeaders,
  trpcUrl,
} from "./links.ts";

export { AuthError, type AuthSession, type AuthUser, createAuthSession } from "./auth.ts";
export type { ClientOptions, HeaderSource, MercatoClient, Routers, ServiceClients, TokenSource } from "./links.ts";
export type * from "./types.ts";

/**
 * The typed client for the whole platform, through the gateway: one tRPC client per service
 * (batched per service), superjson everywhere, the bearer JWT from `getToken` on every request,
 * and live subscriptions over SSE.
 */
export function createMercatoClient(opts: ClientOptions): MercatoClient {
  const links = <TRouter extends AnyRouter>(): TRPCLink<TRouter>[] => [
    splitLink<TRouter>({
      condition: (op) => op.type === "subscription",
      true: subscriptionLinkFor<TRouter>(opts),
      false: batchLinkFor<TRouter>(opts),
    }),
  ];
  return platformClient(createServiceClients(links));
}

/**
 * Subscriptions over SSE. A native EventSource cannot send an Authorization header, so with a
 * token (or where there is no EventSource, as in Bun) the fetch-based one from the `eventsource`
 * package is used, with the token read afresh on every (re)connection.
 */
function subscriptionLinkFor<TRouter extends AnyRouter>(opts: ClientOptions): TRPCLink<TRouter> {
  const url = trpcUrl(opts.baseUrl);
  const native = globalThis.EventSource;
  if (native && !opts.getToken && !opts.headers && !opts.fetch) {
    return httpSubscriptionLink({ url, transformer: superjson, EventSource: native }) as unknown as TRPCLink<TRouter>;
  }
  const fetchImpl = opts.fetch ?? globalThis.fetch;
  return httpSubscriptionLink({
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
  }) as unknown as TRPCLink<TRouter>;
}

"use client";
import type { QueryClient } from "@tanstack/react-query";
import type { TRPCClient } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { createTRPCOptionsProxy, type TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { ClientService, MercatoClient, Namespace, Routers } from "./links.ts";

export type { MercatoClient } from "./links.ts";

/**
 * TanStack Query options for every service: `options.catalog.products.list.queryOptions(input)`
 * gives plain `{ queryKey, queryFn }` for `useQuery`, `prefetchQuery` or `useSuspenseQuery`.
 * Query keys start with the procedure path, so services never collide in one QueryClient.
 * Works without React too (server-side prefetch into a QueryClient to dehydrate).
 */
export type MercatoOptions = { [K in ClientService]: Namespace<TRPCOptionsProxy<Routers[K]>, K> };

export function createMercatoOptions(client: MercatoClient, queryClient: QueryClient): MercatoOptions {
  const clients = Object.entries(client.clients as unknown as Record<string, TRPCClient<AnyRouter>>);
  const options = clients.map(([name, c]) => [name, createTRPCOptionsProxy({ client: c, queryClient })[name]]);
  // Built untyped and narrowed once, as the clients are: the router type follows the run-time name.
  return Object.fromEntries(options) as MercatoOptions;
}

interface MercatoContextValue {
  client: MercatoClient;
  options: MercatoOptions;
}

const MercatoContext = createContext<MercatoContextValue | null>(null);

/**
 * One provider for all services (one per-service tRPC context each would mean seven providers
 * and seven hooks). Render it inside your QueryClientProvider, with the same QueryClient.
 */
export function MercatoProvider(props: { client: MercatoClient; queryClient: QueryClient; children: ReactNode }) {
  const { client, queryClient, children } = props;
  const value = useMemo(() => ({ client, options: createMercatoOptions(client, queryClient) }), [client, queryClient]);
  return <MercatoContext.Provider value={value}>{children}</MercatoContext.Provider>;
}

function useMercatoContext(): MercatoContextValue {
  const value = useContext(MercatoContext);
  if (!value) throw new Error("useMercato: render inside <MercatoProvider>");
  return value;
}

/** Query and mutation options for every service: `useQuery(useMercato().catalog.products.list.queryOptions({}))`. */
export function useMercato(): MercatoOptions {
  return useMercatoContext().options;
}

/** The plain client, for imperative calls and subscriptions. */
export function useMercatoClient(): MercatoClient {
  return useMercatoContext().client;
}

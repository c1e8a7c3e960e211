"use client";
import type { QueryClient } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { MercatoClient } from "./links.ts";

export type { MercatoClient } from "./links.ts";

/**
 * TanStack Query options for every service: `options.catalog.products.list.queryOptions(input)`
 * gives plain `{ queryKey, queryFn }` for `useQuery`, `prefetchQuery` or `useSuspenseQuery`.
 * Query keys start with the procedure path, so services never collide in one QueryClient.
 * Works without React too (server-side prefetch into a QueryClient to dehydrate).
 */
export function createMercatoOptions(client: MercatoClient, queryClient: QueryClient) {
  const { clients } = client;
  return {
    identity: createTRPCOptionsProxy({ client: clients.identity, queryClient }).identity,
    catalog: createTRPCOptionsProxy({ client: clients.catalog, queryClient }).catalog,
    inventory: createTRPCOptionsProxy({ client: clients.inventory, queryClient }).inventory,
    cart: createTRPCOptionsProxy({ client: clients.cart, queryClient }).cart,
    orders: createTRPCOptionsProxy({ client: clients.orders, queryClient }).orders,
    payments: createTRPCOptionsProxy({ client: clients.payments, queryClient }).payments,
    notifications: createTRPCOptionsProxy({ client: clients.notifications, queryClient }).notifications,
  };
}
export type MercatoOptions = ReturnType<typeof createMercatoOptions>;

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

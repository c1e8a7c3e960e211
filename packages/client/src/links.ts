import type { CartRouter } from "@mercato/cart";
import type { CatalogRouter } from "@mercato/catalog";
import type { IdentityRouter } from "@mercato/identity";
import type { InventoryRouter } from "@mercato/inventory";
import type { NotificationsRouter } from "@mercato/notifications";
import type { OrdersRouter } from "@mercato/orders";
import type { PaymentsRouter } from "@mercato/payments";
import { createTRPCClient, httpBatchLink, type TRPCLink } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import superjson from "superjson";

/** A bearer JWT, or null when signed out; called before every request (so it may refresh). */
export type TokenSource = () => string | null | undefined | Promise<string | null | undefined>;
export type HeaderSource = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

export interface ClientOptions {
  /** The gateway's origin, e.g. `http://localhost:4000`. */
  baseUrl: string;
  getToken?: TokenSource;
  /** A fetch to use instead of the global one (tests, Next.js caching options...). */
  fetch?: typeof fetch;
  /** Extra headers on every request (x-request-id, a cookie forwarded by a server...). */
  headers?: HeaderSource;
}

/** The routers behind the gateway, by namespace. */
export interface Routers {
  identity: IdentityRouter;
  catalog: CatalogRouter;
  inventory: InventoryRouter;
  cart: CartRouter;
  orders: OrdersRouter;
  payments: PaymentsRouter;
  notifications: NotificationsRouter;
}

export function trpcUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/$/, "")}/trpc`;
}

/** Every request's headers: the caller's, then the bearer token when there is one. */
export async function requestHeaders(opts: ClientOptions): Promise<Record<string, string>> {
  const extra = typeof opts.headers === "function" ? await opts.headers() : (opts.headers ?? {});
  const token = await opts.getToken?.();
  return token ? { ...extra, authorization: `Bearer ${token}` } : { ...extra };
}

/**
 * Queries and mutations of one service, batched: each service has its own link, so a batch never
 * spans services (the gateway routes a batch by its one namespace). Long GET batches are split.
 */
export function batchLinkFor<TRouter extends AnyRouter>(opts: ClientOptions): TRPCLink<TRouter> {
  // Built untyped and narrowed once: the transformer option cannot be checked against a generic router.
  return httpBatchLink({
    url: trpcUrl(opts.baseUrl),
    transformer: superjson,
    maxURLLength: 4000,
    headers: () => requestHeaders(opts),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  }) as unknown as TRPCLink<TRouter>;
}

/** Builds one link chain per service. */
export type LinkFactory = <TRouter extends AnyRouter>() => TRPCLink<TRouter>[];

/**
 * The full tRPC client of each service. Each router nests its procedures under its own name,
 * so `clients.catalog.catalog.products.list` is the path `catalog.products.list`.
 */
export function createServiceClients(links: LinkFactory) {
  return {
    identity: createTRPCClient<IdentityRouter>({ links: links<IdentityRouter>() }),
    catalog: createTRPCClient<CatalogRouter>({ links: links<CatalogRouter>() }),
    inventory: createTRPCClient<InventoryRouter>({ links: links<InventoryRouter>() }),
    cart: createTRPCClient<CartRouter>({ links: links<CartRouter>() }),
    orders: createTRPCClient<OrdersRouter>({ links: links<OrdersRouter>() }),
    payments: createTRPCClient<PaymentsRouter>({ links: links<PaymentsRouter>() }),
    notifications: createTRPCClient<NotificationsRouter>({ links: links<NotificationsRouter>() }),
  };
}
export type ServiceClients = ReturnType<typeof createServiceClients>;

/**
 * The platform client: one property per service, already inside its namespace, so calls read
 * like the procedure path (`client.catalog.products.list.query(...)`). `clients` holds the full
 * per-service clients for integrations that need them (TanStack Query options).
 */
export function platformClient(clients: ServiceClients) {
  return {
    identity: clients.identity.identity,
    catalog: clients.catalog.catalog,
    inventory: clients.inventory.inventory,
    cart: clients.cart.cart,
    orders: clients.orders.orders,
    payments: clients.payments.payments,
    notifications: clients.notifications.notifications,
    clients,
  };
}
export type MercatoClient = ReturnType<typeof platformClient>;

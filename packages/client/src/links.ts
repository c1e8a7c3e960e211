import type { AnalyticsRouter } from "@mercato/analytics";
import type { CartRouter } from "@mercato/cart";
import { CART_TOKEN_HEADER } from "@mercato/cart/contract";
import type { CatalogRouter } from "@mercato/catalog";
import type { IdentityRouter } from "@mercato/identity";
import type { InventoryRouter } from "@mercato/inventory";
import type { NotificationsRouter } from "@mercato/notifications";
import type { OrdersRouter } from "@mercato/orders";
import { ORDER_TOKEN_HEADER } from "@mercato/orders/contract";
import type { PaymentsRouter } from "@mercato/payments";
import { MAX_BATCH_SIZE, SERVICE_NAMES, type ServiceName } from "@mercato/registry";
import { createTRPCClient, httpBatchLink, splitLink, type TRPCClient, type TRPCLink } from "@trpc/client";
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
  /**
   * A guest's cart token, sent as `x-cart-token` on every request: reads refuse it in their
   * (URL) input. For non-browser callers (tests, the bench, API clients); the storefront's browser
   * never holds it (an HttpOnly cookie its proxy turns into the header).
   */
  cartToken?: () => string | null | undefined;
  /** A guest's order access tokens by order id, sent as `x-order-token: <id>=<token>,...`. */
  orderTokens?: () => Readonly<Record<string, string>> | undefined;
}

/** The `x-cart-token` / `x-order-token` headers for a guest's tokens (none when there are none). */
export function guestTokenHeaders(tokens: {
  cartToken?: string | null | undefined;
  orderTokens?: Readonly<Record<string, string>> | undefined;
}): Record<string, string> {
  const headers: Record<string, string> = {};
  if (tokens.cartToken) headers[CART_TOKEN_HEADER] = tokens.cartToken;
  const orders = Object.entries(tokens.orderTokens ?? {});
  if (orders.length > 0) headers[ORDER_TOKEN_HEADER] = orders.map(([id, token]) => `${id}=${token}`).join(",");
  return headers;
}

/**
 * The routers behind the gateway, by namespace. The services themselves come from the registry at
 * run time; their router types can only be named here, once.
 */
export interface Routers {
  identity: IdentityRouter;
  catalog: CatalogRouter;
  inventory: InventoryRouter;
  cart: CartRouter;
  orders: OrdersRouter;
  payments: PaymentsRouter;
  notifications: NotificationsRouter;
  analytics: AnalyticsRouter;
}

/** A service the client has a router type for. */
export type ClientService = keyof Routers;

// Fails type-checking when a registry service has no router type above, or one is left over.
type SameNames = [ClientService] extends [ServiceName] ? ([ServiceName] extends [ClientService] ? true : never) : never;
const routersCoverTheRegistry: SameNames = true;
void routersCoverTheRegistry;

/** What lives under a service's own namespace (every router nests its procedures under its name). */
export type Namespace<T, K extends string> = T extends Record<K, infer Inner> ? Inner : never;

/** The full tRPC client of each service (its procedures nest under its own name: `clients.catalog.catalog...`). */
export type ServiceClients = { [K in ClientService]: TRPCClient<Routers[K]> };

/**
 * The platform client: one property per service, already inside its namespace, so calls read
 * like the procedure path (`client.catalog.products.list.query(...)`). `clients` holds the full
 * per-service clients for integrations that need them (TanStack Query options).
 */
export type MercatoClient = { [K in ClientService]: Namespace<ServiceClients[K], K> } & { clients: ServiceClients };

export function trpcUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/$/, "")}/trpc`;
}

/** Every request's headers: the caller's, then the bearer token when there is one. */
export async function requestHeaders(opts: ClientOptions): Promise<Record<string, string>> {
  const extra = typeof opts.headers === "function" ? await opts.headers() : (opts.headers ?? {});
  const guest = guestTokenHeaders({ cartToken: opts.cartToken?.(), orderTokens: opts.orderTokens?.() });
  const token = await opts.getToken?.();
  return token ? { ...extra, ...guest, authorization: `Bearer ${token}` } : { ...extra, ...guest };
}

/** Builds a client's subscription link (SSE, see index.ts). */
export type SubscriptionLinkFactory = (opts: ClientOptions) => TRPCLink<AnyRouter>;

/**
 * The one link chain of every Mercato client. Queries and mutations are batched, and each service
 * has its own chain, so a batch never spans services (the gateway routes a batch by its one
 * namespace); long GET batches are split. Subscriptions go through `subscriptionLink` when the
 * client has one (the browser and Bun client; the server client has none).
 */
function serviceLinks(opts: ClientOptions, subscriptionLink?: SubscriptionLinkFactory): TRPCLink<AnyRouter>[] {
  const batch = httpBatchLink<AnyRouter>({
    url: trpcUrl(opts.baseUrl),
    transformer: superjson,
    maxURLLength: 4000,
    // The gateway and the services refuse bigger batches.
    maxItems: MAX_BATCH_SIZE,
    headers: () => requestHeaders(opts),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  if (!subscriptionLink) return [batch];
  return [splitLink({ condition: (op) => op.type === "subscription", true: subscriptionLink(opts), false: batch })];
}

/** One client per registry service, each inside its namespace, plus the full per-service clients. */
export function createPlatformClient(opts: ClientOptions, subscriptionLink?: SubscriptionLinkFactory): MercatoClient {
  const entries = SERVICE_NAMES.map(
    (name) => [name, createTRPCClient<AnyRouter>({ links: serviceLinks(opts, subscriptionLink) })] as const,
  );
  // Built untyped and narrowed once: a router type cannot be chosen by a run-time service name.
  const clients = Object.fromEntries(entries) as unknown as ServiceClients;
  const namespaces = Object.fromEntries(entries.map(([name, client]) => [name, client[name]]));
  return { ...namespaces, clients } as MercatoClient;
}

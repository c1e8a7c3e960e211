import type { CartRouter } from "@mercato/cart";
import type { CatalogRouter } from "@mercato/catalog";
import type { IdentityRouter } from "@mercato/identity";
import type { InventoryRouter } from "@mercato/inventory";
import type { OrdersRouter } from "@mercato/orders";
import type { PaymentsRouter } from "@mercato/payments";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import superjson from "superjson";
import type { Platform } from "./platform.ts";

/** A typed client as the storefront makes it: superjson, optional bearer token. */
function clientFor<R extends AnyRouter>(url: string, token?: string) {
  const links = [
    httpLink({
      url: `${url}/trpc`,
      transformer: superjson,
      headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {}),
    }),
  ];
  // The link is built for any router; narrowed once to this one.
  return createTRPCClient<R>({ links: links as never });
}

/** One shopper's (or an admin's, or an anonymous visitor's) view of the platform. */
export function shopperClients(p: Platform, who: "customer" | "otherCustomer" | "admin" | "anonymous") {
  const token = (service: Parameters<Platform["tokens"]>[0]) =>
    who === "anonymous" ? undefined : p.tokens(service)[who];
  const s = p.services;
  return {
    identity: clientFor<IdentityRouter>(s.identity.url, token("identity")),
    catalog: clientFor<CatalogRouter>(s.catalog.url, token("catalog")),
    inventory: clientFor<InventoryRouter>(s.inventory.url, token("inventory")),
    cart: clientFor<CartRouter>(s.cart.url, token("cart")),
    orders: clientFor<OrdersRouter>(s.orders.url, token("orders")),
    payments: clientFor<PaymentsRouter>(s.payments.url, token("payments")),
  };
}

/** The tRPC error code a call was refused with (fails the test if it succeeded). */
export async function refusal(call: Promise<unknown>): Promise<string> {
  const outcome = await call.then(
    () => new Error("expected the call to be refused, it succeeded"),
    (e: unknown) => e,
  );
  if (!(outcome instanceof TRPCClientError)) throw outcome;
  return String((outcome.data as { code?: string } | undefined)?.code);
}

/** Polls until `check` returns a value, failing after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await Bun.sleep(100);
  }
}

import type { CartRouter } from "@mercato/cart";
import type { CatalogRouter } from "@mercato/catalog";
import type { IdentityRouter } from "@mercato/identity";
import type { InventoryRouter } from "@mercato/inventory";
import type { OrdersRouter } from "@mercato/orders";
import type { PaymentsRouter } from "@mercato/payments";
import { clientFor, eventually, failure } from "@mercato/testing";
import type { Platform } from "./platform.ts";

export { eventually };

/** One shopper's (or an admin's, or an anonymous visitor's) view of the platform: a client per service. */
export function shopperClients(
  p: Platform,
  who: "customer" | "otherCustomer" | "admin" | "anonymous",
  /** A guest's `x-cart-token` / `x-order-token` (tokens never go in a read's URL). */
  headers: Record<string, string> = {},
) {
  const as = (service: Parameters<Platform["tokens"]>[0]) => ({
    token: who === "anonymous" ? undefined : p.tokens(service)[who],
    headers,
  });
  const s = p.services;
  return {
    identity: clientFor<IdentityRouter>(s.identity.url, as("identity")),
    catalog: clientFor<CatalogRouter>(s.catalog.url, as("catalog")),
    inventory: clientFor<InventoryRouter>(s.inventory.url, as("inventory")),
    cart: clientFor<CartRouter>(s.cart.url, as("cart")),
    orders: clientFor<OrdersRouter>(s.orders.url, as("orders")),
    payments: clientFor<PaymentsRouter>(s.payments.url, as("payments")),
  };
}

/** The tRPC error code a call was refused with (fails the test if it succeeded). */
export async function refusal(call: Promise<unknown>): Promise<string> {
  return String((await failure(call)).data?.code);
}

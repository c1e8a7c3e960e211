import type { Routers } from "@mercato/client";
import { clientFor, eventually, failure } from "@mercato/testing";
import type { Platform } from "./platform.ts";

export { eventually };

/** One shopper's (or an admin's, or an anonymous visitor's) view of the platform: a client per service. */
export function shopperClients(p: Platform, who: "customer" | "otherCustomer" | "admin" | "anonymous") {
  const as = (service: Parameters<Platform["tokens"]>[0]) => ({
    token: who === "anonymous" ? undefined : p.tokens(service)[who],
  });
  const s = p.services;
  return {
    identity: clientFor<Routers["identity"]>(s.identity.url, as("identity")),
    catalog: clientFor<Routers["catalog"]>(s.catalog.url, as("catalog")),
    inventory: clientFor<Routers["inventory"]>(s.inventory.url, as("inventory")),
    cart: clientFor<Routers["cart"]>(s.cart.url, as("cart")),
    orders: clientFor<Routers["orders"]>(s.orders.url, as("orders")),
    payments: clientFor<Routers["payments"]>(s.payments.url, as("payments")),
  };
}

/** The tRPC error code a call was refused with (fails the test if it succeeded). */
export async function refusal(call: Promise<unknown>): Promise<string> {
  return String((await failure(call)).data?.code);
}

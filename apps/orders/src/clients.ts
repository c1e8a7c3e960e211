import type { CartRouter } from "@mercato/cart";
import type { CatalogRouter } from "@mercato/catalog";
import { createServiceClient, type ServiceTokenSigner } from "@mercato/kit";
import type { PaymentsRouter } from "@mercato/payments";
import type { OrdersEnv } from "./env.ts";

/** The services the checkout saga calls. Type-only imports: no other service's code runs here. */
export function createClients(env: OrdersEnv, serviceToken: ServiceTokenSigner) {
  return {
    cart: createServiceClient<CartRouter>("cart", env.CART_URL, serviceToken),
    catalog: createServiceClient<CatalogRouter>("catalog", env.CATALOG_URL, serviceToken),
    payments: createServiceClient<PaymentsRouter>("payments", env.PAYMENTS_URL, serviceToken),
  };
}

export type Clients = ReturnType<typeof createClients>;

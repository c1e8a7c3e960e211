import type { CartRouter } from "@mercato/cart";
import type { CatalogRouter } from "@mercato/catalog";
import { createServiceClient } from "@mercato/kit";
import type { PaymentsRouter } from "@mercato/payments";
import type { OrdersEnv } from "./env.ts";

/** The services the checkout saga calls. Type-only imports: no other service's code runs here. */
export function createClients(env: OrdersEnv, serviceToken: () => Promise<string>) {
  return {
    cart: createServiceClient<CartRouter>(env.CART_URL, serviceToken),
    catalog: createServiceClient<CatalogRouter>(env.CATALOG_URL, serviceToken),
    payments: createServiceClient<PaymentsRouter>(env.PAYMENTS_URL, serviceToken),
  };
}

export type Clients = ReturnType<typeof createClients>;

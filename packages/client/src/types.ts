import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { Routers } from "./links.ts";

/**
 * Inputs and outputs of every procedure, by service then path:
 * `RouterInputs["catalog"]["products"]["list"]`, `RouterOutputs["orders"]["get"]`.
 */
export interface RouterInputs {
  identity: inferRouterInputs<Routers["identity"]>["identity"];
  catalog: inferRouterInputs<Routers["catalog"]>["catalog"];
  inventory: inferRouterInputs<Routers["inventory"]>["inventory"];
  cart: inferRouterInputs<Routers["cart"]>["cart"];
  orders: inferRouterInputs<Routers["orders"]>["orders"];
  payments: inferRouterInputs<Routers["payments"]>["payments"];
  notifications: inferRouterInputs<Routers["notifications"]>["notifications"];
}
export interface RouterOutputs {
  identity: inferRouterOutputs<Routers["identity"]>["identity"];
  catalog: inferRouterOutputs<Routers["catalog"]>["catalog"];
  inventory: inferRouterOutputs<Routers["inventory"]>["inventory"];
  cart: inferRouterOutputs<Routers["cart"]>["cart"];
  orders: inferRouterOutputs<Routers["orders"]>["orders"];
  payments: inferRouterOutputs<Routers["payments"]>["payments"];
  notifications: inferRouterOutputs<Routers["notifications"]>["notifications"];
}

export type IdentityInputs = RouterInputs["identity"];
export type IdentityOutputs = RouterOutputs["identity"];
export type CatalogInputs = RouterInputs["catalog"];
export type CatalogOutputs = RouterOutputs["catalog"];
export type InventoryInputs = RouterInputs["inventory"];
export type InventoryOutputs = RouterOutputs["inventory"];
export type CartInputs = RouterInputs["cart"];
export type CartOutputs = RouterOutputs["cart"];
export type OrdersInputs = RouterInputs["orders"];
export type OrdersOutputs = RouterOutputs["orders"];
export type PaymentsInputs = RouterInputs["payments"];
export type PaymentsOutputs = RouterOutputs["payments"];
export type NotificationsInputs = RouterInputs["notifications"];
export type NotificationsOutputs = RouterOutputs["notifications"];

import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { ClientService, Namespace, Routers } from "./links.ts";

/**
 * Inputs and outputs of every procedure, by service then path:
 * `RouterInputs["catalog"]["products"]["list"]`, `RouterOutputs["orders"]["get"]`.
 */
export type RouterInputs = { [K in ClientService]: Namespace<inferRouterInputs<Routers[K]>, K> };
export type RouterOutputs = { [K in ClientService]: Namespace<inferRouterOutputs<Routers[K]>, K> };

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

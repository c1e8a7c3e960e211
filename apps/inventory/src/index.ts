import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { InventoryRouter } from "./router/index.ts";

export type { Availability } from "./contract.ts";
export type { InventoryRouter } from "./router/index.ts";
export type InventoryInputs = inferRouterInputs<InventoryRouter>["inventory"];
export type InventoryOutputs = inferRouterOutputs<InventoryRouter>["inventory"];

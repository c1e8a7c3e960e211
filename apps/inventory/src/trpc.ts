import { initServiceTRPC } from "@mercato/kit";
import type { InventoryDeps } from "./deps.ts";

export const { router, publicProcedure, authedProcedure, staffProcedure, internalProcedure } =
  initServiceTRPC<InventoryDeps>();

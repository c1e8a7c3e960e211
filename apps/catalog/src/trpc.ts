import { initServiceTRPC } from "@mercato/kit";
import type { CatalogDeps } from "./deps.ts";

export const { router, publicProcedure, authedProcedure, staffProcedure, internalProcedure } =
  initServiceTRPC<CatalogDeps>();

import { initServiceTRPC } from "@mercato/kit";
import type { IdentityDeps } from "./deps.ts";

export const { router, publicProcedure, authedProcedure, staffProcedure, internalProcedure } =
  initServiceTRPC<IdentityDeps>();

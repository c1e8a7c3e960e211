import { initServiceTRPC } from "@mercato/kit";
import type { IdentityDeps } from "./deps.ts";

export const { router, publicProcedure, authedProcedure, adminProcedure, internalProcedure } =
  initServiceTRPC<IdentityDeps>();

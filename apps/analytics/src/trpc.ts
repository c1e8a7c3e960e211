import { initServiceTRPC } from "@mercato/kit";
import type { AnalyticsDeps } from "./deps.ts";

export const { router, publicProcedure, authedProcedure, staffProcedure, internalProcedure } =
  initServiceTRPC<AnalyticsDeps>();

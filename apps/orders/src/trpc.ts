import { initServiceTRPC } from "@mercato/kit";
import type { OrdersDeps } from "./deps.ts";

export const { router, publicProcedure, authedProcedure, staffProcedure, internalProcedure } =
  initServiceTRPC<OrdersDeps>();

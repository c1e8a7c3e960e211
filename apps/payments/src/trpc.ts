import { initServiceTRPC } from "@mercato/kit";
import type { PaymentsDeps } from "./deps.ts";

export const { router, publicProcedure, authedProcedure, staffProcedure, internalProcedure } =
  initServiceTRPC<PaymentsDeps>();

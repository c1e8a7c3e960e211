import { initServiceTRPC } from "@mercato/kit";
import { TRPCError } from "@trpc/server";
import type { NotificationsDeps } from "./deps.ts";

export const { router, publicProcedure, authedProcedure, adminProcedure, internalProcedure } =
  initServiceTRPC<NotificationsDeps>();

/**
 * Admin-only in production; open in development and tests so the storefront's /dev/mailbox can
 * show what would have been sent without anyone signing in.
 */
export const mailboxProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.deps.env.NODE_ENV !== "production") return next();
  if (!ctx.user) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError ?? "Sign in first: no valid token" });
  }
  if (ctx.user.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "Admins only" });
  return next();
});

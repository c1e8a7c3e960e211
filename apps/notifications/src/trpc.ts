import { initServiceTRPC } from "@mercato/kit";
import { TRPCError } from "@trpc/server";
import type { NotificationsDeps } from "./deps.ts";

export const { router, publicProcedure, authedProcedure, adminProcedure, internalProcedure } =
  initServiceTRPC<NotificationsDeps>();

/**
 * Admin-only, unless MAILBOX_API=true (set by the dev launcher and the test platform, refused in
 * production) opens it so the storefront's /dev/mailbox can show what was sent without signing in.
 */
export const mailboxProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.deps.env.MAILBOX_API) return next();
  if (!ctx.user) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError ?? "Sign in first: no valid token" });
  }
  if (ctx.user.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "Admins only" });
  return next();
});

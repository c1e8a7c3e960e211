import { can } from "@mercato/access";
import { initServiceTRPC } from "@mercato/kit";
import { forbidden } from "@mercato/kit/errors";
import { TRPCError } from "@trpc/server";
import type { NotificationsDeps } from "./deps.ts";

export const { router, publicProcedure, authedProcedure, staffProcedure, internalProcedure } =
  initServiceTRPC<NotificationsDeps>();

/**
 * For staff with mailbox.read, unless MAILBOX_API=true (set by the dev launcher and the test platform, refused in
 * production) opens it so the storefront's /dev/mailbox can show what was sent without signing in.
 */
export const mailboxProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.deps.env.MAILBOX_API) return next();
  if (!ctx.user) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError ?? "Sign in first: no valid token" });
  }
  if (!can(ctx.user, "mailbox.read")) throw forbidden("permission", 'the mailbox needs the permission "mailbox.read"');
  return next();
});

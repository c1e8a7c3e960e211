import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { findUser } from "../db/users.ts";
import { authedProcedure } from "../trpc.ts";

export const updateProfileInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** E.164-ish: digits with an optional leading +, spaces and dashes allowed; null clears it. */
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 -]{5,20}$/, "a phone number like +44 20 7946 0000")
    .nullable()
    .optional(),
});
export type UpdateProfileInput = z.input<typeof updateProfileInput>;

export const meProcedure = authedProcedure.query(async ({ ctx }) => {
  const me = await findUser(ctx.deps.db, ctx.user.id);
  if (!me) throw new TRPCError({ code: "NOT_FOUND", message: "user: your account no longer exists" });
  return me;
});

export const updateProfileProcedure = authedProcedure.input(updateProfileInput).mutation(async ({ ctx, input }) => {
  const auth = await ctx.deps.auth.$context;
  // Through better-auth, so the copy of the user in each cached session changes too.
  const updated = await auth.internalAdapter.updateUser(ctx.user.id, {
    name: input.name,
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
  });
  if (!updated) throw new TRPCError({ code: "NOT_FOUND", message: "user: your account no longer exists" });
  const me = await findUser(ctx.deps.db, ctx.user.id);
  if (!me) throw new TRPCError({ code: "NOT_FOUND", message: "user: your account no longer exists" });
  return me;
});

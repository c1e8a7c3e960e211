import { myProfile, updateProfile } from "../app/profile.ts";
import { publicUser, updateProfileInput } from "../contract.ts";
import { authedProcedure } from "../trpc.ts";

export const meProcedure = authedProcedure
  .meta({ openapi: { method: "GET", path: "/me", tags: ["account"], summary: "The signed-in user", protect: true } })
  .output(publicUser)
  .query(({ ctx }) => myProfile(ctx.deps, ctx.user.id));

export const updateProfileProcedure = authedProcedure
  .input(updateProfileInput)
  .output(publicUser)
  .mutation(({ ctx, input }) => updateProfile(ctx.deps, ctx.user.id, input));

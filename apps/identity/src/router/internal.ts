import { eq } from "drizzle-orm";
import { z } from "zod";
import { user } from "../db/schema.ts";
import { internalProcedure, router } from "../trpc.ts";

/** For other services (service credential only). */
export const internalRouter = router({
  /** Where low-stock alerts and other operator mail go. */
  adminEmails: internalProcedure.query(async ({ ctx }) => {
    const rows = await ctx.deps.db.orm
      .select({ email: user.email, banned: user.banned })
      .from(user)
      .where(eq(user.role, "admin"));
    return rows.filter((r) => !r.banned).map((r) => r.email);
  }),

  userById: internalProcedure.input(z.object({ userId: z.string().min(1).max(64) })).query(async ({ ctx, input }) => {
    const [row] = await ctx.deps.db.orm
      .select({ id: user.id, email: user.email, name: user.name })
      .from(user)
      .where(eq(user.id, input.userId))
      .limit(1);
    return row ?? null;
  }),
});

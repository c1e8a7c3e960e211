import { TRPCError } from "@trpc/server";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { messages } from "../db/schema.ts";
import { adminProcedure, router } from "../trpc.ts";
import { summaryColumns } from "./mailbox.ts";

const FAILED_SHOWN = 100;

export const adminRouter = router({
  /** The most recent failed messages, newest first, with the provider's reason. */
  failed: adminProcedure.query(({ ctx }) =>
    ctx.deps.db.orm
      .select(summaryColumns)
      .from(messages)
      .where(eq(messages.status, "failed"))
      .orderBy(desc(messages.id))
      .limit(FAILED_SHOWN),
  ),

  /** Puts a failed message back in the queue with a fresh attempt budget (same id, so same idempotency key). */
  retry: adminProcedure.input(z.object({ id: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    const row = await ctx.deps.db.write(async (tx) => {
      const [updated] = await tx
        .update(messages)
        .set({ status: "pending", attempts: 0, nextAttemptAt: new Date() })
        .where(and(eq(messages.id, input.id), eq(messages.status, "failed")))
        .returning(summaryColumns);
      if (updated) return updated;
      const [existing] = await tx.select({ status: messages.status }).from(messages).where(eq(messages.id, input.id));
      if (!existing) throw new TRPCError({ code: "NOT_FOUND", message: `id: no message "${input.id}"` });
      throw new TRPCError({
        code: "CONFLICT",
        message: `id: only failed messages can be retried; this one is ${existing.status}`,
      });
    });
    ctx.deps.sender.kick();
    return row;
  }),
});

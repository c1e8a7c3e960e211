import { TRPCError } from "@trpc/server";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { MESSAGE_STATUSES, messages } from "../db/schema.ts";
import { mailboxProcedure, router } from "../trpc.ts";

export const listInput = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  /** The id of the last message of the previous page. */
  cursor: z.string().min(1).max(64).optional(),
  to: z.string().min(1).max(254).optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
});

/** A message without its bodies, for lists. */
export const summaryColumns = {
  id: messages.id,
  to: messages.to,
  template: messages.template,
  subject: messages.subject,
  eventId: messages.eventId,
  status: messages.status,
  attempts: messages.attempts,
  providerId: messages.providerId,
  lastError: messages.lastError,
  createdAt: messages.createdAt,
  sentAt: messages.sentAt,
};

export const mailboxRouter = router({
  /** Newest first; `nextCursor` is null on the last page. */
  list: mailboxProcedure.input(listInput).query(async ({ ctx, input }) => {
    const where: SQL[] = [];
    if (input.cursor) where.push(lt(messages.id, input.cursor));
    if (input.to) where.push(eq(messages.to, input.to));
    if (input.status) where.push(eq(messages.status, input.status));
    const rows = await ctx.deps.db.orm
      .select(summaryColumns)
      .from(messages)
      .where(and(...where))
      .orderBy(desc(messages.id))
      .limit(input.limit + 1);
    const items = rows.slice(0, input.limit);
    return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
  }),

  byId: mailboxProcedure.input(z.object({ id: z.string().min(1).max(64) })).query(async ({ ctx, input }) => {
    const [row] = await ctx.deps.db.orm.select().from(messages).where(eq(messages.id, input.id));
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `id: no message "${input.id}"` });
    return row;
  }),
});

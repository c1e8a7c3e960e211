import { skuSchema } from "@mercato/events";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { ledgerOf, listStock } from "../db/queries.ts";
import { stock } from "../db/schema.ts";
import { MAX_QUANTITY } from "../domain/stock.ts";
import { adjustStock } from "../operations/adjust.ts";
import { adminProcedure, router } from "../trpc.ts";

const reason = z.string().trim().min(1).max(500);

export const adjustInput = z.discriminatedUnion("kind", [
  /** Goods arrived. */
  z.object({ sku: skuSchema, kind: z.literal("receive"), quantity: z.number().int().min(1).max(MAX_QUANTITY), reason }),
  /** A stock count differs from the books: a signed delta. */
  z.object({
    sku: skuSchema,
    kind: z.literal("correct"),
    quantity: z
      .number()
      .int()
      .min(-MAX_QUANTITY)
      .max(MAX_QUANTITY)
      .refine((q) => q !== 0, "a correction of 0 changes nothing"),
    reason,
  }),
]);

export const adminRouter = router({
  adjust: adminProcedure.input(adjustInput).mutation(async ({ ctx, input }) => {
    const levels = await ctx.deps.db.write((tx) => adjustStock(tx, { ...input, actor: ctx.user.id, now: new Date() }));
    ctx.deps.relay.kick();
    return { sku: input.sku, ...levels, available: levels.onHand - levels.reserved };
  }),

  list: adminProcedure
    .input(
      z.object({
        lowOnly: z.boolean().optional(),
        q: z.string().trim().min(1).max(64).optional(),
        limit: z.number().int().min(1).max(200).default(50),
        cursor: skuSchema.optional(),
      }),
    )
    .query(({ ctx, input }) => listStock(ctx.deps.db, { ...input, lowOnly: input.lowOnly ?? false })),

  ledger: adminProcedure
    .input(z.object({ sku: skuSchema, limit: z.number().int().min(1).max(500).default(50) }))
    .query(async ({ ctx, input }) => {
      const [known] = await ctx.deps.db.orm.select({ sku: stock.sku }).from(stock).where(eq(stock.sku, input.sku));
      if (!known) throw new TRPCError({ code: "NOT_FOUND", message: `sku: no stock for "${input.sku}"` });
      return ledgerOf(ctx.deps.db, input.sku, input.limit);
    }),
});

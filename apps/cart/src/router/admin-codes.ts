import { TRPCError } from "@trpc/server";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { codeByName, type DiscountCodeRow } from "../db/queries.ts";
import { discountCodes } from "../db/schema.ts";
import { normalizeCode, ruleProblem } from "../domain/discount-code.ts";
import { adminProcedure, router } from "../trpc.ts";

const codeName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{3,32}$/, "3 to 32 letters, digits, - or _");

/** Dates arrive as Date through superjson, or as ISO strings from plain JSON clients. */
const optionalDate = z.coerce.date().nullable().optional();

const ruleFields = {
  kind: z.enum(["percent", "fixed"]),
  /** Whole percent 1..100 for percent codes; minor units for fixed codes. */
  value: z.number().int().min(1),
  minSubtotal: z.number().int().min(0),
  startsAt: optionalDate,
  endsAt: optionalDate,
  usageLimit: z.number().int().min(1).nullable().optional(),
  oncePerCustomer: z.boolean(),
};

export const createCodeInput = z.object({
  code: codeName,
  ...ruleFields,
  minSubtotal: ruleFields.minSubtotal.default(0),
  oncePerCustomer: ruleFields.oncePerCustomer.default(false),
});
export const updateCodeInput = z.object({
  code: codeName,
  ...z.object(ruleFields).partial().shape,
  active: z.boolean().optional(),
});
export type CreateCodeInput = z.input<typeof createCodeInput>;
export type UpdateCodeInput = z.input<typeof updateCodeInput>;

function refuseRule(rule: Parameters<typeof ruleProblem>[0]): void {
  const problem = ruleProblem(rule);
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });
}

function unknown(code: string): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: `code: no code "${code}"` });
}

/** Discount codes for the admin panel. Codes are never deleted, only deactivated, so history stays. */
export const adminCodesRouter = router({
  list: adminProcedure.query(
    ({ ctx }): Promise<DiscountCodeRow[]> =>
      ctx.deps.db.orm.select().from(discountCodes).orderBy(desc(discountCodes.createdAt)),
  ),

  create: adminProcedure.input(createCodeInput).mutation(async ({ ctx, input }) => {
    const code = normalizeCode(input.code);
    const rule = {
      kind: input.kind,
      value: input.value,
      minSubtotal: input.minSubtotal,
      startsAt: input.startsAt ?? null,
      endsAt: input.endsAt ?? null,
      usageLimit: input.usageLimit ?? null,
      oncePerCustomer: input.oncePerCustomer,
    };
    refuseRule({ ...rule, used: 0 });
    const now = new Date();
    const [row] = await ctx.deps.db.write((tx) =>
      tx
        .insert(discountCodes)
        .values({ code, ...rule, used: 0, active: true, createdAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning(),
    );
    if (!row) throw new TRPCError({ code: "CONFLICT", message: `code: "${code}" already exists` });
    return row;
  }),

  update: adminProcedure.input(updateCodeInput).mutation(async ({ ctx, input }) => {
    const code = normalizeCode(input.code);
    const { code: _, ...patch } = input;
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    return ctx.deps.db.write(async (tx) => {
      const current = await codeByName(tx, code);
      if (!current) throw unknown(code);
      refuseRule({ ...current, ...changes });
      const [row] = await tx
        .update(discountCodes)
        .set({ ...changes, updatedAt: new Date() })
        .where(eq(discountCodes.code, code))
        .returning();
      return row!;
    });
  }),

  /** Stops a code from applying (carts holding it show why); its usage history stays. */
  deactivate: adminProcedure.input(z.object({ code: codeName })).mutation(async ({ ctx, input }) => {
    const code = normalizeCode(input.code);
    const [row] = await ctx.deps.db.write((tx) =>
      tx
        .update(discountCodes)
        .set({ active: false, updatedAt: new Date() })
        .where(eq(discountCodes.code, code))
        .returning(),
    );
    if (!row) throw unknown(code);
    return row;
  }),
});

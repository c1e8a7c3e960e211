import { conflict, type DomainError, notFound } from "@mercato/kit";
import { recordAudit } from "@mercato/kit/audit";
import { desc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { createCodeInput, DeactivateCodeInput, DiscountCode, updateCodeInput } from "../contract.ts";
import { codeByName } from "../db/queries.ts";
import { discountCodes } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";
import { normalizeCode, ruleProblem } from "../domain/discount-code.ts";

// Discount codes for the admin panel. Codes are never deleted, only deactivated, so history stays.

function refuseRule(rule: Parameters<typeof ruleProblem>[0]): void {
  const problem = ruleProblem(rule);
  if (problem) throw problem;
}

function unknown(code: string): DomainError {
  return notFound("code", `no code "${code}"`);
}

/** Every code, newest first. */
export function listCodes(deps: CartDeps): Promise<DiscountCode[]> {
  return deps.db.orm.select().from(discountCodes).orderBy(desc(discountCodes.createdAt));
}

export async function createCode(deps: CartDeps, input: z.output<typeof createCodeInput>): Promise<DiscountCode> {
  const code = normalizeCode(input.code);
  const rule = {
    kind: input.kind,
    value: input.value,
    currency: input.currency ?? null,
    minSubtotal: input.minSubtotal,
    startsAt: input.startsAt ?? null,
    endsAt: input.endsAt ?? null,
    usageLimit: input.usageLimit ?? null,
    oncePerCustomer: input.oncePerCustomer,
  };
  refuseRule({ ...rule, used: 0 });
  const now = new Date();
  const [row] = await deps.db.write(async (tx) => {
    const created = await tx
      .insert(discountCodes)
      .values({ code, ...rule, used: 0, active: true, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (created[0]) await recordAudit(tx, { action: "cart.admin.codes.create", targetId: code, after: created[0] });
    return created;
  });
  if (!row) throw conflict("code", `"${code}" already exists`);
  return row;
}

/** Changes the given fields (the others stay), re-checking the code's shape as a whole. */
export async function updateCode(deps: CartDeps, input: z.output<typeof updateCodeInput>): Promise<DiscountCode> {
  const code = normalizeCode(input.code);
  const { code: _, ...patch } = input;
  // A code turned into a percent code loses its currency unless the admin says otherwise.
  const withCurrency = patch.kind === "percent" && patch.currency === undefined ? { ...patch, currency: null } : patch;
  const changes = Object.fromEntries(Object.entries(withCurrency).filter(([, v]) => v !== undefined));
  return deps.db.write(async (tx) => {
    const current = await codeByName(tx, code);
    if (!current) throw unknown(code);
    refuseRule({ ...current, ...changes });
    const [row] = await tx
      .update(discountCodes)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(discountCodes.code, code))
      .returning();
    await recordAudit(tx, { action: "cart.admin.codes.update", targetId: code, before: current, after: row });
    return row!;
  });
}

/** Stops a code from applying (carts holding it show why); its usage history stays. */
export async function deactivateCode(deps: CartDeps, input: DeactivateCodeInput): Promise<DiscountCode> {
  const code = normalizeCode(input.code);
  const [row] = await deps.db.write(async (tx) => {
    const before = await codeByName(tx, code);
    const changed = await tx
      .update(discountCodes)
      .set({ active: false, updatedAt: new Date() })
      .where(eq(discountCodes.code, code))
      .returning();
    if (changed[0]) {
      await recordAudit(tx, { action: "cart.admin.codes.deactivate", targetId: code, before, after: changed[0] });
    }
    return changed;
  });
  if (!row) throw unknown(code);
  return row;
}

import { TRPCError } from "@trpc/server";
import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import { addresses } from "../db/schema.ts";
import type { IdentityDeps } from "../deps.ts";
import { initialDefaults, MAX_ADDRESSES_PER_USER } from "../domain/addresses.ts";
import { checkPostalCode } from "../domain/postal-code.ts";
import { authedProcedure, router } from "../trpc.ts";

const text = (max: number) => z.string().trim().min(1).max(max);

export const addressInput = z.object({
  name: text(100),
  line1: text(200),
  line2: z.string().trim().max(200).optional(),
  city: text(100),
  postalCode: text(16),
  country: z.string().trim().length(2, "a two-letter ISO 3166-1 country code"),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 -]{5,20}$/, "a phone number like +44 20 7946 0000")
    .optional(),
  isDefaultShipping: z.boolean().optional(),
  isDefaultBilling: z.boolean().optional(),
});
export type AddressInput = z.input<typeof addressInput>;
export type Address = typeof addresses.$inferSelect;

const idInput = z.object({ id: z.string().min(1).max(64) });
export const updateAddressInput = idInput.extend({ address: addressInput });
export const setDefaultInput = idInput.extend({ kind: z.enum(["shipping", "billing"]) });

type Db = IdentityDeps["db"];
type Tx = Parameters<Parameters<Db["write"]>[0]>[0];

/** Validates country and postal code together; a refusal names the field. */
function canonical(input: z.output<typeof addressInput>) {
  const check = checkPostalCode(input.country, input.postalCode);
  if (!check.ok) throw new TRPCError({ code: "BAD_REQUEST", message: `${check.field}: ${check.message}` });
  return {
    name: input.name,
    line1: input.line1,
    line2: input.line2 || null,
    city: input.city,
    postalCode: check.postalCode,
    country: check.country,
    phone: input.phone || null,
  };
}

async function ownAddress(tx: Tx, userId: string, id: string) {
  const [row] = await tx
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .limit(1);
  // Someone else's address is answered exactly like a missing one.
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `id: no address "${id}"` });
  return row;
}

/** One default of each kind per user: setting one clears the others. */
async function clearDefaults(tx: Tx, userId: string, flags: { shipping: boolean; billing: boolean }) {
  if (flags.shipping) {
    await tx.update(addresses).set({ isDefaultShipping: false }).where(eq(addresses.userId, userId));
  }
  if (flags.billing) {
    await tx.update(addresses).set({ isDefaultBilling: false }).where(eq(addresses.userId, userId));
  }
}

/** The row a write just returned; drizzle types it as possibly missing. */
function written<T>(row: T | undefined): T {
  if (!row) throw new Error("the write returned no row");
  return row;
}

function listFor(db: Db, userId: string) {
  return db.orm.select().from(addresses).where(eq(addresses.userId, userId)).orderBy(asc(addresses.createdAt));
}

export const addressesRouter = router({
  list: authedProcedure.query(({ ctx }) => listFor(ctx.deps.db, ctx.user.id)),

  create: authedProcedure.input(addressInput).mutation(async ({ ctx, input }) => {
    const values = canonical(input);
    const userId = ctx.user.id;
    return ctx.deps.db.write(async (tx) => {
      const [existing] = await tx.select({ n: count() }).from(addresses).where(eq(addresses.userId, userId));
      const n = existing?.n ?? 0;
      if (n >= MAX_ADDRESSES_PER_USER) {
        throw new TRPCError({ code: "CONFLICT", message: `addresses: at most ${MAX_ADDRESSES_PER_USER} per account` });
      }
      const defaults = initialDefaults(input, n === 0);
      await clearDefaults(tx, userId, { shipping: defaults.isDefaultShipping, billing: defaults.isDefaultBilling });
      const now = new Date();
      const [row] = await tx
        .insert(addresses)
        .values({ id: Bun.randomUUIDv7(), userId, ...values, ...defaults, createdAt: now, updatedAt: now })
        .returning();
      return written(row);
    });
  }),

  update: authedProcedure.input(updateAddressInput).mutation(async ({ ctx, input }) => {
    const values = canonical(input.address);
    const userId = ctx.user.id;
    return ctx.deps.db.write(async (tx) => {
      const current = await ownAddress(tx, userId, input.id);
      const isDefaultShipping = input.address.isDefaultShipping ?? current.isDefaultShipping;
      const isDefaultBilling = input.address.isDefaultBilling ?? current.isDefaultBilling;
      await clearDefaults(tx, userId, {
        shipping: isDefaultShipping && !current.isDefaultShipping,
        billing: isDefaultBilling && !current.isDefaultBilling,
      });
      const [row] = await tx
        .update(addresses)
        .set({ ...values, isDefaultShipping, isDefaultBilling, updatedAt: new Date() })
        .where(eq(addresses.id, current.id))
        .returning();
      return written(row);
    });
  }),

  delete: authedProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    await ctx.deps.db.write(async (tx) => {
      const current = await ownAddress(tx, ctx.user.id, input.id);
      await tx.delete(addresses).where(eq(addresses.id, current.id));
    });
    return { id: input.id, deleted: true as const };
  }),

  setDefault: authedProcedure.input(setDefaultInput).mutation(async ({ ctx, input }) => {
    const userId = ctx.user.id;
    return ctx.deps.db.write(async (tx) => {
      const current = await ownAddress(tx, userId, input.id);
      const shipping = input.kind === "shipping";
      await clearDefaults(tx, userId, { shipping, billing: !shipping });
      const [row] = await tx
        .update(addresses)
        .set(
          shipping
            ? { isDefaultShipping: true, updatedAt: new Date() }
            : { isDefaultBilling: true, updatedAt: new Date() },
        )
        .where(eq(addresses.id, current.id))
        .returning();
      return written(row);
    });
  }),
});

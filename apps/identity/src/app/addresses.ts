/** A user's own address book: only its owner ever reads or changes it. */
import { conflict, invalid, notFound } from "@mercato/kit/errors";
import { and, asc, count, eq } from "drizzle-orm";
import type { z } from "zod";
import {
  type Address,
  type addressInput,
  MAX_ADDRESSES_PER_USER,
  type setDefaultAddressInput,
  type updateAddressInput,
} from "../contract.ts";
import { addresses } from "../db/schema.ts";
import type { IdentityDeps, IdentityTx } from "../deps.ts";
import { initialDefaults } from "../domain/addresses.ts";
import { checkPostalCode } from "../domain/postal-code.ts";

type Deps = Pick<IdentityDeps, "db">;
type ParsedAddress = z.output<typeof addressInput>;

/** Validates country and postal code together; a refusal names the field. */
function canonical(input: ParsedAddress) {
  const check = checkPostalCode(input.country, input.postalCode);
  if (!check.ok) throw invalid(check.field, check.message);
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

async function ownAddress(tx: IdentityTx, userId: string, id: string): Promise<Address> {
  const [row] = await tx
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .limit(1);
  // Someone else's address is answered exactly like a missing one.
  if (!row) throw notFound("id", `no address "${id}"`);
  return row;
}

/** One default of each kind per user: setting one clears the others. */
async function clearDefaults(tx: IdentityTx, userId: string, flags: { shipping: boolean; billing: boolean }) {
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

/** Oldest first: the order the user added them in. */
export function listAddresses(deps: Deps, userId: string): Promise<Address[]> {
  return deps.db.orm.select().from(addresses).where(eq(addresses.userId, userId)).orderBy(asc(addresses.createdAt));
}

export async function createAddress(deps: Deps, userId: string, input: ParsedAddress): Promise<Address> {
  const values = canonical(input);
  return deps.db.write(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(addresses).where(eq(addresses.userId, userId));
    const n = existing?.n ?? 0;
    if (n >= MAX_ADDRESSES_PER_USER) throw conflict("addresses", `at most ${MAX_ADDRESSES_PER_USER} per account`);
    const defaults = initialDefaults(input, n === 0);
    await clearDefaults(tx, userId, { shipping: defaults.isDefaultShipping, billing: defaults.isDefaultBilling });
    const now = new Date();
    const [row] = await tx
      .insert(addresses)
      .values({ id: Bun.randomUUIDv7(), userId, ...values, ...defaults, createdAt: now, updatedAt: now })
      .returning();
    return written(row);
  });
}

/** Replaces the address; a default flag left out keeps its current value. */
export async function updateAddress(
  deps: Deps,
  userId: string,
  input: z.output<typeof updateAddressInput>,
): Promise<Address> {
  const values = canonical(input.address);
  return deps.db.write(async (tx) => {
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
}

export async function deleteAddress(deps: Deps, userId: string, id: string): Promise<{ id: string; deleted: true }> {
  await deps.db.write(async (tx) => {
    const current = await ownAddress(tx, userId, id);
    await tx.delete(addresses).where(eq(addresses.id, current.id));
  });
  return { id, deleted: true };
}

export async function setDefaultAddress(
  deps: Deps,
  userId: string,
  input: z.output<typeof setDefaultAddressInput>,
): Promise<Address> {
  return deps.db.write(async (tx) => {
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
}

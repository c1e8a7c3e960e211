/**
 * Staff roles (#20): the built-in ones of `@mercato/access` and the custom ones a superadmin
 * composes (table `staff_roles`), and the support refund limit (`access_settings`). A user's JWT
 * carries its role's permissions (`accessClaimsFor`, called by better-auth's definePayload); a
 * change to a role revokes the tokens of every user holding it, so the new permissions apply
 * within seconds everywhere.
 */
import {
  type AccessClaims,
  accessClaimsOf,
  allRoles,
  BUILT_IN_ROLES,
  type CustomRoleInput,
  type customRoleInput,
  DEFAULT_SUPPORT_REFUND_LIMIT,
  isBuiltInRole,
  knownPermissions,
  ROLE_SCOPES,
  type RoleDefinition,
  type RoleScope,
} from "@mercato/access";
import { type Logger, revokeUserTokens } from "@mercato/kit";
import { recordAudit } from "@mercato/kit/audit";
import { conflict, notFound, unavailable } from "@mercato/kit/errors";
import { count, eq } from "drizzle-orm";
import type { z } from "zod";
import { accessSettings, staffRoles, user } from "../db/schema.ts";
import type { IdentityDeps } from "../deps.ts";

type Deps = Pick<IdentityDeps, "db" | "redis">;

export const SUPPORT_REFUND_LIMIT_KEY = "support_refund_limit";

function toRole(row: typeof staffRoles.$inferSelect): RoleDefinition {
  return {
    id: row.id,
    label: row.label,
    permissions: knownPermissions(row.permissions),
    scope: (ROLE_SCOPES as readonly string[]).includes(row.scope) ? (row.scope as RoleScope) : "all",
    refundLimit: row.refundLimit,
    builtIn: false,
  };
}

export async function customRoles(deps: Pick<Deps, "db">): Promise<RoleDefinition[]> {
  const rows = await deps.db.orm.select().from(staffRoles).orderBy(staffRoles.id);
  return rows.map(toRole);
}

/** The support role's refund limit: the superadmin's setting, else the default. */
export async function supportRefundLimit(deps: Pick<Deps, "db">): Promise<number | null> {
  const [row] = await deps.db.orm
    .select({ value: accessSettings.value })
    .from(accessSettings)
    .where(eq(accessSettings.key, SUPPORT_REFUND_LIMIT_KEY))
    .limit(1);
  if (!row) return DEFAULT_SUPPORT_REFUND_LIMIT;
  // Kept as { refundLimit } (a bare JSON null would be stored as SQL NULL, which the column refuses).
  const value = row.value as { refundLimit?: unknown } | number | null;
  if (typeof value === "number") return value;
  return typeof value?.refundLimit === "number" ? value.refundLimit : null;
}

/** Every assignable role, built-in first, with the support limit as configured. */
export async function listRoles(deps: Pick<Deps, "db">): Promise<RoleDefinition[]> {
  const [custom, limit] = await Promise.all([customRoles(deps), supportRefundLimit(deps)]);
  return allRoles(custom).map((r) => (r.id === "support" ? { ...r, refundLimit: limit } : r));
}

/** A role a user may be given: built-in, or a custom one that exists. */
export async function roleExists(deps: Pick<Deps, "db">, roleId: string): Promise<boolean> {
  if (isBuiltInRole(roleId)) return true;
  const [row] = await deps.db.orm.select({ id: staffRoles.id }).from(staffRoles).where(eq(staffRoles.id, roleId));
  return row !== undefined;
}

/** The claims a user's JWT carries (better-auth's definePayload): built-in roles need no custom row. */
export async function accessClaimsFor(
  deps: Pick<Deps, "db">,
  u: { id: string; role: string | null | undefined },
): Promise<AccessClaims> {
  const roleId = u.role || "customer";
  if (roleId === "support") return accessClaimsOf(u, [], { refundLimit: await supportRefundLimit(deps) });
  if (isBuiltInRole(roleId)) return accessClaimsOf(u);
  const [row] = await deps.db.orm.select().from(staffRoles).where(eq(staffRoles.id, roleId)).limit(1);
  return accessClaimsOf(u, row ? [toRole(row)] : []);
}

/** Creates or replaces a custom role; the tokens of its holders are revoked (their permissions changed). */
export async function saveRole(
  deps: Deps,
  by: { id: string; log: Logger },
  input: z.output<typeof customRoleInput>,
): Promise<RoleDefinition> {
  const now = new Date();
  const values = {
    label: input.label,
    permissions: knownPermissions(input.permissions),
    scope: input.scope,
    refundLimit: input.refundLimit,
    updatedAt: now,
  };
  await deps.db.write(async (tx) => {
    const [before] = await tx.select().from(staffRoles).where(eq(staffRoles.id, input.id)).limit(1);
    await tx
      .insert(staffRoles)
      .values({ id: input.id, ...values, createdAt: now })
      .onConflictDoUpdate({ target: staffRoles.id, set: values });
    await recordAudit(tx, {
      action: "identity.admin.roles.save",
      targetId: input.id,
      before: before ? toRole(before) : null,
      after: { id: input.id, ...values, updatedAt: undefined },
    });
  });
  await revokeHolders(deps, input.id);
  by.log.info({ role: input.id, permissions: values.permissions, by: by.id }, "staff role saved");
  const [row] = await deps.db.orm.select().from(staffRoles).where(eq(staffRoles.id, input.id));
  if (!row) throw notFound("id", `no role "${input.id}"`);
  return toRole(row);
}

/** Deletes a custom role nobody holds (409 naming `id` otherwise); built-in roles cannot be deleted. */
export async function deleteRole(deps: Deps, by: { id: string; log: Logger }, roleId: string): Promise<{ id: string }> {
  if (isBuiltInRole(roleId)) throw conflict("id", `"${roleId}" is a built-in role and cannot be deleted`);
  const deleted = await deps.db.write(async (tx) => {
    const [held] = await tx.select({ n: count() }).from(user).where(eq(user.role, roleId));
    if ((held?.n ?? 0) > 0)
      throw conflict("id", `${held?.n} user(s) hold the role "${roleId}": give them another first`);
    const rows = await tx.delete(staffRoles).where(eq(staffRoles.id, roleId)).returning();
    if (rows[0]) {
      await recordAudit(tx, {
        action: "identity.admin.roles.delete",
        targetId: roleId,
        before: toRole(rows[0]),
        after: null,
      });
    }
    return rows;
  });
  if (deleted.length === 0) throw notFound("id", `no custom role "${roleId}"`);
  by.log.info({ role: roleId, by: by.id }, "staff role deleted");
  return { id: roleId };
}

/** Sets support's refund limit (minor units; null = none); support users get new tokens with it. */
export async function setSupportRefundLimit(
  deps: Deps,
  by: { id: string; log: Logger },
  refundLimit: number | null,
): Promise<RoleDefinition> {
  const now = new Date();
  const before = await supportRefundLimit(deps);
  await deps.db.write(async (tx) => {
    await recordAudit(tx, {
      action: "identity.admin.roles.setSupportRefundLimit",
      targetId: "support",
      before: { refundLimit: before },
      after: { refundLimit },
    });
    await tx
      .insert(accessSettings)
      .values({ key: SUPPORT_REFUND_LIMIT_KEY, value: { refundLimit }, updatedAt: now })
      .onConflictDoUpdate({ target: accessSettings.key, set: { value: { refundLimit }, updatedAt: now } });
  });
  await revokeHolders(deps, "support");
  by.log.info({ refundLimit, by: by.id }, "support refund limit changed");
  return { ...BUILT_IN_ROLES.support, refundLimit };
}

/** Fails closed like a role change: the change is saved, but the admin is told to retry when tokens could not be revoked. */
async function revokeHolders(deps: Deps, roleId: string): Promise<void> {
  const holders = await deps.db.orm.select({ id: user.id }).from(user).where(eq(user.role, roleId));
  try {
    for (const h of holders) await revokeUserTokens(deps.redis, h.id);
  } catch {
    throw unavailable("tokens", "the role was saved but its holders' tokens could not be revoked; try again");
  }
}

export type { CustomRoleInput };

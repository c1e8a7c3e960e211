/**
 * The admin panel's user management. Changes go through better-auth's internal adapter, which
 * also rewrites (role) or deletes (ban) the user's sessions in Redis.
 */
import { permissionsOf, roleOf } from "@mercato/access";
import { type Logger, revokeUserTokens } from "@mercato/kit";
import { recordAudit } from "@mercato/kit/audit";
import { invalid, notFound, unavailable } from "@mercato/kit/errors";
import { type AnyColumn, and, count, desc, ne, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { banInput, listUsersInput, PublicUser, setRoleInput } from "../contract.ts";
import { findUser, publicUserColumns, toPublicUser } from "../db/queries.ts";
import { user } from "../db/schema.ts";
import type { IdentityDeps } from "../deps.ts";
import { customRoles } from "./roles.ts";

type Deps = Pick<IdentityDeps, "db" | "auth" | "redis">;

/** The admin making the change, for the audit line in the log. */
export interface Admin {
  id: string;
  log: Logger;
}

/** Contains `q`, case-insensitively; `%` and `_` typed by an admin are searched for literally. */
function contains(column: AnyColumn, q: string): SQL {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/** Newest first, with the number of matches for the page count. */
export async function listUsers(
  deps: Pick<Deps, "db">,
  input: z.output<typeof listUsersInput>,
): Promise<{ items: PublicUser[]; total: number }> {
  const { orm } = deps.db;
  const where = and(
    input.q ? or(contains(user.email, input.q), contains(user.name, input.q)) : undefined,
    input.staff ? ne(user.role, "customer") : undefined,
  );
  const [rows, [total]] = await Promise.all([
    orm
      .select(publicUserColumns)
      .from(user)
      .where(where)
      .orderBy(desc(user.createdAt), desc(user.id))
      .limit(input.limit)
      .offset(input.offset),
    orm.select({ n: count() }).from(user).where(where),
  ]);
  return { items: rows.map(toPublicUser), total: total?.n ?? 0 };
}

export async function userById(deps: Pick<Deps, "db">, userId: string): Promise<PublicUser> {
  const found = await findUser(deps.db, userId);
  if (!found) throw notFound("userId", `no user "${userId}"`);
  return found;
}

export async function setRole(deps: Deps, admin: Admin, input: z.output<typeof setRoleInput>): Promise<PublicUser> {
  const custom = await customRoles(deps);
  if (!roleOf(input.role, custom)) throw invalid("role", `no role "${input.role}"`);
  if (input.userId === admin.id && !permissionsOf(input.role, custom).includes("staff.manage")) {
    throw invalid("userId", "you cannot take away your own staff.manage permission");
  }
  const before = await userById(deps, input.userId);
  const auth = await deps.auth.$context;
  await auth.internalAdapter.updateUser(input.userId, { role: input.role });
  await audit(deps, "identity.admin.users.setRole", input.userId, { role: before.role }, { role: input.role });
  // The JWTs issued with the old role stop working within seconds everywhere (kit revocation list).
  await revokeTokens(deps, input.userId);
  admin.log.info({ userId: input.userId, role: input.role, by: admin.id }, "role changed");
  return userById(deps, input.userId);
}

export async function banUser(deps: Deps, admin: Admin, input: z.output<typeof banInput>): Promise<PublicUser> {
  if (input.userId === admin.id) throw invalid("userId", "you cannot ban yourself");
  const before = await userById(deps, input.userId);
  const auth = await deps.auth.$context;
  await auth.internalAdapter.updateUser(input.userId, {
    banned: true,
    banReason: input.reason ?? "No reason given",
    banExpires: null,
  });
  // Ends every session now; the admin plugin refuses new ones and /token needs a session.
  await auth.internalAdapter.deleteUserSessions(input.userId);
  await audit(
    deps,
    "identity.admin.users.ban",
    input.userId,
    { banned: before.banned, banReason: before.banReason },
    { banned: true, banReason: input.reason ?? "No reason given" },
  );
  await revokeTokens(deps, input.userId);
  admin.log.info({ userId: input.userId, by: admin.id }, "user banned");
  return userById(deps, input.userId);
}

export async function unbanUser(deps: Deps, admin: Admin, userId: string): Promise<PublicUser> {
  const before = await userById(deps, userId);
  const auth = await deps.auth.$context;
  await auth.internalAdapter.updateUser(userId, { banned: false, banReason: null, banExpires: null });
  await audit(
    deps,
    "identity.admin.users.unban",
    userId,
    { banned: before.banned, banReason: before.banReason },
    { banned: false, banReason: null },
  );
  admin.log.info({ userId, by: admin.id }, "user unbanned");
  return userById(deps, userId);
}

/** Fails closed: when the revocation cannot be recorded the admin is told to try again (503). */
async function revokeTokens(deps: Pick<Deps, "redis">, userId: string): Promise<void> {
  try {
    await revokeUserTokens(deps.redis, userId);
  } catch {
    throw unavailable("tokens", "the change was saved but the user's existing tokens could not be revoked; try again");
  }
}

/**
 * The audit entry of a change better-auth's adapter made (outside our transactions): written
 * right after it, by the request's staff user (#20).
 */
export async function audit(
  deps: Pick<Deps, "db">,
  action: string,
  targetId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await deps.db.write((tx) => recordAudit(tx, { action, targetId, before, after }));
}

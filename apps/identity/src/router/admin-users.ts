import { TRPCError } from "@trpc/server";
import { type AnyColumn, count, desc, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { user } from "../db/schema.ts";
import { findUser, publicUserColumns } from "../db/users.ts";
import { adminProcedure, router } from "../trpc.ts";

export const listUsersInput = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).default(0),
});
export type ListUsersInput = z.input<typeof listUsersInput>;

const userIdInput = z.object({ userId: z.string().min(1).max(64) });
export const setRoleInput = userIdInput.extend({ role: z.enum(["customer", "admin"]) });
export const banInput = userIdInput.extend({ reason: z.string().trim().min(1).max(500).optional() });
export type SetRoleInput = z.input<typeof setRoleInput>;
export type BanInput = z.input<typeof banInput>;

function notFound(userId: string): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: `userId: no user "${userId}"` });
}

/** Contains `q`, case-insensitively; `%` and `_` typed by an admin are searched for literally. */
function contains(column: AnyColumn, q: string): SQL {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/**
 * The admin panel's user management. Changes go through better-auth's internal adapter, which
 * also rewrites (role) or deletes (ban) the user's sessions in Redis.
 */
export const adminUsersRouter = router({
  list: adminProcedure.input(listUsersInput).query(async ({ ctx, input }) => {
    const { orm } = ctx.deps.db;
    const where = input.q ? or(contains(user.email, input.q), contains(user.name, input.q)) : undefined;
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
    return {
      items: rows.map((r) => ({ ...r, role: r.role === "admin" ? ("admin" as const) : ("customer" as const) })),
      total: total?.n ?? 0,
    };
  }),

  byId: adminProcedure.input(userIdInput).query(async ({ ctx, input }) => {
    const found = await findUser(ctx.deps.db, input.userId);
    if (!found) throw notFound(input.userId);
    return found;
  }),

  setRole: adminProcedure.input(setRoleInput).mutation(async ({ ctx, input }) => {
    if (input.userId === ctx.user.id && input.role !== "admin") {
      throw new TRPCError({ code: "BAD_REQUEST", message: "userId: you cannot take away your own admin role" });
    }
    if (!(await findUser(ctx.deps.db, input.userId))) throw notFound(input.userId);
    const auth = await ctx.deps.auth.$context;
    await auth.internalAdapter.updateUser(input.userId, { role: input.role });
    ctx.log.info({ userId: input.userId, role: input.role, by: ctx.user.id }, "role changed");
    return findUser(ctx.deps.db, input.userId);
  }),

  ban: adminProcedure.input(banInput).mutation(async ({ ctx, input }) => {
    if (input.userId === ctx.user.id) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "userId: you cannot ban yourself" });
    }
    if (!(await findUser(ctx.deps.db, input.userId))) throw notFound(input.userId);
    const auth = await ctx.deps.auth.$context;
    await auth.internalAdapter.updateUser(input.userId, {
      banned: true,
      banReason: input.reason ?? "No reason given",
      banExpires: null,
    });
    // Ends every session now; the admin plugin refuses new ones and /token needs a session.
    await auth.internalAdapter.deleteUserSessions(input.userId);
    ctx.log.info({ userId: input.userId, by: ctx.user.id }, "user banned");
    return findUser(ctx.deps.db, input.userId);
  }),

  unban: adminProcedure.input(userIdInput).mutation(async ({ ctx, input }) => {
    if (!(await findUser(ctx.deps.db, input.userId))) throw notFound(input.userId);
    const auth = await ctx.deps.auth.$context;
    await auth.internalAdapter.updateUser(input.userId, { banned: false, banReason: null, banExpires: null });
    ctx.log.info({ userId: input.userId, by: ctx.user.id }, "user unbanned");
    return findUser(ctx.deps.db, input.userId);
  }),
});

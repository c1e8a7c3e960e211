/**
 * Account deletion, for the user's own request and for an admin's: identity forgets the user
 * and tells every service (`identity.user.deleted.v1`, outbox). See docs/ARCHITECTURE.md
 * "Deleting an account".
 */
import { createEvent, enqueue, UserDeleted } from "@mercato/events";
import { outbox } from "@mercato/events/tables";
import { currentRequestId } from "@mercato/kit";
import { recordAudit } from "@mercato/kit/audit";
import { invalid, notFound } from "@mercato/kit/errors";
import { and, eq, isNotNull, like, or } from "drizzle-orm";
import { account, accountLinks, addresses, session, user, userPreferences } from "../db/schema.ts";
import type { IdentityDeps } from "../deps.ts";
import { endAllSessions } from "./sessions.ts";

type Deps = Pick<IdentityDeps, "db" | "auth" | "redis" | "relay" | "log">;

/** `%text%` for LIKE, with LIKE's own wildcards in the text taken literally (ESCAPE '\'). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Forgets a user: sessions and tokens end, then in one write their addresses, links,
 * preferences, credentials and the user row go, the outbox rows that named them (sent or not)
 * are deleted, and `identity.user.deleted.v1` is enqueued. Once the relay has published it, that
 * row is deleted too (it carries the email; JetStream's dedupe needs only its id). Safe to run
 * again for a user already gone (better-auth's admin removal deletes the row first).
 */
export async function eraseUser(
  deps: Deps,
  target: { id: string; email: string },
  auditAs?: { action: string; before: unknown },
): Promise<void> {
  await endAllSessions(deps, target.id);
  const event = createEvent(
    UserDeleted,
    { userId: target.id, email: target.email, deletedAt: new Date().toISOString() },
    { key: target.id, correlationId: currentRequestId() },
  );
  await deps.db.write(async (tx) => {
    await tx.delete(addresses).where(eq(addresses.userId, target.id));
    await tx.delete(accountLinks).where(eq(accountLinks.userId, target.id));
    await tx.delete(userPreferences).where(eq(userPreferences.userId, target.id));
    await tx.delete(session).where(eq(session.userId, target.id));
    await tx.delete(account).where(eq(account.userId, target.id));
    await tx.delete(user).where(eq(user.id, target.id));
    await tx
      .delete(outbox)
      .where(
        or(like(outbox.payload, containing(`"${target.id}"`)), like(outbox.payload, containing(`"${target.email}"`))),
      );
    await enqueue(tx, event);
    // An admin's deletion is a staff action (#20); the entry names the user by id, not email.
    if (auditAs)
      await recordAudit(tx, { action: auditAs.action, targetId: target.id, before: auditAs.before, after: null });
  });
  deps.log.info({ userId: target.id }, "account deleted");
  try {
    await deps.relay.drain();
    await deps.db.write((tx) => tx.delete(outbox).where(and(eq(outbox.id, event.id), isNotNull(outbox.sentAt))));
  } catch (err) {
    // The relay retries; the row then goes with the relay's prune of sent rows (an hour).
    deps.log.warn({ err: String(err) }, "the deletion event is not published yet");
  }
}

/** The user's own deletion: their current password confirms it. */
export async function deleteOwnAccount(deps: Deps, userId: string, password: string): Promise<{ deleted: true }> {
  const ctx = await deps.auth.$context;
  const found = await ctx.internalAdapter.findUserById(userId);
  if (!found) throw notFound("user", "your account no longer exists");
  const accounts = await ctx.internalAdapter.findAccounts(userId);
  const hash = accounts.find((a) => a.providerId === "credential")?.password;
  if (!hash || !(await ctx.password.verify({ hash, password }))) {
    throw invalid("password", "the password is not right");
  }
  await eraseUser(deps, { id: found.id, email: found.email });
  return { deleted: true };
}

/** An admin's deletion of another user (identity.admin.users.delete). */
export async function adminDeleteUser(deps: Deps, admin: { id: string }, userId: string): Promise<{ deleted: true }> {
  if (userId === admin.id) throw invalid("userId", "you cannot delete your own account here");
  const ctx = await deps.auth.$context;
  const found = await ctx.internalAdapter.findUserById(userId);
  if (!found) throw notFound("userId", `no user "${userId}"`);
  await eraseUser(
    deps,
    { id: found.id, email: found.email },
    {
      action: "identity.admin.users.delete",
      before: { id: found.id, role: (found as { role?: string }).role ?? null },
    },
  );
  deps.log.info({ userId, by: admin.id }, "user deleted by an admin");
  return { deleted: true };
}

/**
 * The signed-in user's own sessions (better-auth's, kept in Redis). Revoking one deletes it in
 * better-auth (its cookie stops working at once) and records its id on the kit's revocation list,
 * so the JWTs already fetched with it stop at every service within seconds (`sid` claim).
 */
import { revokeSession, revokeUserTokens } from "@mercato/kit";
import { notFound, unavailable } from "@mercato/kit/errors";
import { decodeJwt } from "jose";
import type { SessionSummary } from "../contract.ts";
import type { IdentityDeps } from "../deps.ts";
import { describeDevice, displayAddress } from "../domain/user-agent.ts";

type Deps = Pick<IdentityDeps, "auth" | "redis">;

/** The better-auth session the calling bearer JWT was issued for (its `sid`), if any. */
export function currentSessionId(headers: Headers): string | null {
  const bearer = headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!bearer) return null;
  try {
    const sid = decodeJwt(bearer).sid;
    return typeof sid === "string" ? sid : null;
  } catch {
    return null;
  }
}

async function sessionsOf(deps: Deps, userId: string) {
  const ctx = await deps.auth.$context;
  const sessions = await ctx.internalAdapter.listSessions(userId);
  const now = Date.now();
  return sessions.filter((s) => new Date(s.expiresAt).getTime() > now);
}

/** Newest activity first; the caller's own session is marked `current`. */
export async function listSessions(deps: Deps, userId: string, currentSid: string | null): Promise<SessionSummary[]> {
  const sessions = await sessionsOf(deps, userId);
  return sessions
    .map((s) => ({
      id: s.id,
      device: describeDevice(s.userAgent),
      userAgent: s.userAgent ?? null,
      ipAddress: displayAddress(s.ipAddress),
      createdAt: new Date(s.createdAt),
      lastSeenAt: new Date(s.updatedAt ?? s.createdAt),
      expiresAt: new Date(s.expiresAt),
      current: s.id === currentSid,
    }))
    .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime() || a.id.localeCompare(b.id));
}

/** Ends one of the user's sessions (another user's session id is "not found", never a hint). */
export async function revokeOwnSession(deps: Deps, userId: string, sessionId: string): Promise<{ revoked: number }> {
  const found = (await sessionsOf(deps, userId)).find((s) => s.id === sessionId);
  if (!found) throw notFound("id", "no such session of yours");
  const ctx = await deps.auth.$context;
  await ctx.internalAdapter.deleteSession(found.token);
  await failClosed(() => revokeSession(deps.redis, found.id));
  return { revoked: 1 };
}

/** Ends every session of the user but the caller's own. */
export async function revokeOtherSessions(
  deps: Deps,
  userId: string,
  currentSid: string | null,
): Promise<{ revoked: number }> {
  const others = (await sessionsOf(deps, userId)).filter((s) => s.id !== currentSid);
  const ctx = await deps.auth.$context;
  for (const s of others) {
    await ctx.internalAdapter.deleteSession(s.token);
    await failClosed(() => revokeSession(deps.redis, s.id));
  }
  return { revoked: others.length };
}

/** Ends every session and every token of the user (account deletion). */
export async function endAllSessions(deps: Deps, userId: string): Promise<void> {
  const ctx = await deps.auth.$context;
  const sessions = await sessionsOf(deps, userId);
  await ctx.internalAdapter.deleteUserSessions(userId);
  await failClosed(async () => {
    for (const s of sessions) await revokeSession(deps.redis, s.id);
    await revokeUserTokens(deps.redis, userId);
  });
}

async function failClosed(revoke: () => Promise<void>): Promise<void> {
  try {
    await revoke();
  } catch {
    throw unavailable("tokens", "the session was ended but its tokens could not be revoked; try again");
  }
}

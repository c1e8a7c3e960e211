import type { RedisClient } from "./redis.ts";

/**
 * Revoked user tokens, shared through Redis. User JWTs are verified offline for their whole
 * lifetime (15 minutes); this list is how a sign-out, a password change or reset, a ban or a role
 * change takes effect before they expire. One sorted set, scored by when the revocation happened:
 *
 * - `s:<sid>`  — one session's tokens (sign-out): every token carrying that `sid` claim.
 * - `u:<userId>` — every token of the user issued at or before the score (password, ban, role).
 *
 * Identity writes it (`revokeSession`, `revokeUserTokens`); every service keeps a copy in memory
 * (`createRevocationCache`), refreshed from Redis about every second, so checking a token costs
 * a map lookup. Entries older than a token's lifetime are dropped: those tokens expired anyway.
 */
export const REVOCATIONS_KEY = "auth:revocations";

/** How long a revocation is kept: a user JWT's lifetime plus a margin for clock skew. */
export const REVOCATION_RETAIN_MS = 16 * 60_000;

export async function revokeSession(redis: RedisClient, sid: string, at = Date.now()): Promise<void> {
  await record(redis, `s:${sid}`, at);
}

export async function revokeUserTokens(redis: RedisClient, userId: string, at = Date.now()): Promise<void> {
  await record(redis, `u:${userId}`, at);
}

async function record(redis: RedisClient, member: string, at: number): Promise<void> {
  await redis
    .multi()
    .zAdd(REVOCATIONS_KEY, { score: at, value: member })
    .zRemRangeByScore(REVOCATIONS_KEY, "-inf", at - REVOCATION_RETAIN_MS)
    .pExpire(REVOCATIONS_KEY, REVOCATION_RETAIN_MS)
    .exec();
}

/** What a verified token says about itself, for the revocation check. */
export interface TokenIdentity {
  sub: string;
  sid?: string;
  /** Issued-at, seconds (the JWT `iat`). */
  iat?: number;
  /** Issued-at, milliseconds (identity's `ims` claim), when present: precise where `iat` is not. */
  ims?: number;
}

export class RevocationUnavailableError extends Error {
  override name = "RevocationUnavailableError";
}

export interface RevocationCacheOptions {
  /** How often the copy is refreshed (default 1 s). */
  refreshMs?: number;
  /** A copy older than this is not trusted: tokens are refused until Redis answers (default 30 s). */
  maxStaleMs?: number;
  onError?: (err: unknown) => void;
}

export type RevocationCache = ReturnType<typeof createRevocationCache>;

/**
 * The in-process copy of the revocation list. `isRevoked` is synchronous and cheap while the copy
 * is fresh; when it is stale (never loaded, or Redis away for longer than `maxStaleMs`) it fails
 * closed with RevocationUnavailableError, after one attempt to refresh.
 */
export function createRevocationCache(redis: RedisClient, opts: RevocationCacheOptions = {}) {
  const refreshMs = opts.refreshMs ?? 1_000;
  const maxStaleMs = opts.maxStaleMs ?? 30_000;
  const sessions = new Map<string, number>();
  const users = new Map<string, number>();
  let loadedAt = 0;
  /** Highest score seen; the next read starts a little before it (writers' clocks differ). */
  let seen = 0;
  let refreshing: Promise<void> | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function load(): Promise<void> {
    const started = Date.now();
    const from = seen === 0 ? started - REVOCATION_RETAIN_MS : Math.max(0, seen - 5_000);
    const rows = await redis.zRangeWithScores(REVOCATIONS_KEY, from, "+inf", { BY: "SCORE" });
    for (const { value, score } of rows) {
      seen = Math.max(seen, score);
      const target = value.startsWith("s:") ? sessions : value.startsWith("u:") ? users : null;
      if (!target) continue;
      const key = value.slice(2);
      target.set(key, Math.max(target.get(key) ?? 0, score));
    }
    const cutoff = started - REVOCATION_RETAIN_MS;
    for (const map of [sessions, users]) for (const [k, at] of map) if (at < cutoff) map.delete(k);
    if (seen === 0) seen = started - REVOCATION_RETAIN_MS;
    loadedAt = started;
  }

  function refresh(): Promise<void> {
    refreshing ??= load().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  function revokedNow(token: TokenIdentity): boolean {
    if (token.sid && sessions.has(token.sid)) return true;
    const before = users.get(token.sub);
    if (before === undefined) return false;
    const issuedMs = token.ims ?? (token.iat ?? 0) * 1000;
    return issuedMs <= before;
  }

  return {
    /** True when the token was revoked; throws RevocationUnavailableError when the list cannot be trusted. */
    async isRevoked(token: TokenIdentity): Promise<boolean> {
      if (Date.now() - loadedAt > maxStaleMs) {
        try {
          await refresh();
        } catch (err) {
          opts.onError?.(err);
          throw new RevocationUnavailableError("the token revocation list is unavailable");
        }
      }
      return revokedNow(token);
    },
    /** The same check against the copy as it is (for long-lived streams polling it). */
    isRevokedNow: revokedNow,
    refresh,
    start(): void {
      if (timer) return;
      refresh().catch((err) => opts.onError?.(err));
      timer = setInterval(() => refresh().catch((err) => opts.onError?.(err)), refreshMs);
      timer.unref?.();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

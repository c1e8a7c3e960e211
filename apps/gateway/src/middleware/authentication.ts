import { type AuthUser, bearerJwt, InvalidTokenError } from "@mercato/kit";
import type { GatewayMiddleware } from "../context.ts";
import { refuse } from "../errors.ts";

export type VerifyUser = (token: string) => Promise<AuthUser>;

/**
 * Verifies the bearer JWT of a tRPC call against identity's key set (jose, via the kit), so the
 * rate limits key on a user who proved who they are, never on a subject anyone can write into an
 * unsigned token. A call that sends credentials that do not verify is a 401 here, even to a public
 * procedure: it is not quietly run as a guest. When no key set answers, the call is a 503 (closed).
 * Plain HTTP routes (better-auth's, with its session tokens) are left to their service.
 */
export function authenticationMiddleware(deps: {
  verifiers: readonly VerifyUser[];
  /** Whether a client may have one more token checked (false: over its limit). */
  charge?: (clientIp: string) => Promise<boolean>;
}): GatewayMiddleware {
  // A client reuses one token for minutes: a token that verified is remembered until it expires
  // (at most a few minutes), so the signature is not checked again on every call.
  const verified = new Map<string, { userId: string; untilMs: number }>();
  return async (c, next) => {
    if (!c.var.destination.trpc && !c.var.destination.rest) return next();
    const authorization = c.req.header("authorization");
    if (authorization === undefined) return next();
    const token = bearerJwt(authorization);
    if (!token) return refuse(c, 401, "authorization: not a bearer JWT");
    const known = verified.get(token);
    if (known && known.untilMs > Date.now()) {
      c.set("userId", known.userId);
      return next();
    }
    // Every key set's verdict costs a signature check: a flood of bad tokens pays the per-IP limit.
    if (deps.charge && !(await deps.charge(c.var.clientIp))) {
      return refuse(c, 429, "Too many requests: try again later");
    }
    let unavailable = false;
    for (const verify of deps.verifiers) {
      try {
        const user = await verify(token);
        remember(verified, token, user.id);
        c.set("userId", user.id);
        return next();
      } catch (err) {
        // Only a key set that did not answer in time leaves the token's worth unknown; anything
        // else (a bad signature, an unsupported algorithm such as "none") is an invalid token.
        if (!(err instanceof InvalidTokenError) && err instanceof Error && err.name === "JWKSTimeout")
          unavailable = true;
      }
    }
    if (unavailable) return refuse(c, 503, "authorization: the token could not be verified now, try again");
    return refuse(c, 401, "authorization: invalid or expired token");
  };
}

const REMEMBERED_MAX = 10_000;
const REMEMBER_AT_MOST_MS = 5 * 60_000;

/** Keeps a verified token until its `exp` (read from the payload it just verified), bounded. */
function remember(verified: Map<string, { userId: string; untilMs: number }>, token: string, userId: string): void {
  let exp: unknown;
  try {
    exp = (JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { exp?: unknown }).exp;
  } catch {
    return;
  }
  if (typeof exp !== "number") return;
  if (verified.size >= REMEMBERED_MAX) verified.clear();
  verified.set(token, { userId, untilMs: Math.min(exp * 1000, Date.now() + REMEMBER_AT_MOST_MS) });
}

import { createRemoteJWKSet, errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import type { RevocationCache, TokenIdentity } from "./revocation.ts";

export const roleSchema = z.enum(["customer", "admin"]);
export type Role = z.infer<typeof roleSchema>;

export interface AuthUser {
  id: string;
  email: string;
  role: Role;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  email: z.string(),
  role: z.string().optional(),
  /** The better-auth session the token was issued for (sign-out revokes it). */
  sid: z.string().optional(),
  iat: z.number().optional(),
  /** Issued-at in milliseconds (identity adds it), compared with a user's revocation time. */
  ims: z.number().optional(),
});

export class InvalidTokenError extends Error {
  override name = "InvalidTokenError";
}

/** A verified user token: who it is, and what the revocation check needs. */
export interface VerifiedToken {
  user: AuthUser;
  token: TokenIdentity;
}

/**
 * Verifies user JWTs issued by identity against its JWKS (fetched once, cached, refetched on an
 * unknown key id), so a service knows the user without calling identity. With `revocations`, a
 * token revoked by a sign-out, password change, ban or role change is refused (checked against
 * the in-process copy of the list: a map lookup while it is fresh).
 */
export function createTokenVerifier(opts: {
  jwksUrl: string;
  issuer: string;
  audience: string;
  revocations?: RevocationCache;
}) {
  const jwks = createRemoteJWKSet(new URL(opts.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  return async function verifyToken(token: string): Promise<VerifiedToken> {
    let claims: z.infer<typeof claimsSchema>;
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: opts.issuer, audience: opts.audience });
      claims = claimsSchema.parse(payload);
    } catch (err) {
      if (err instanceof errors.JWKSTimeout || err instanceof errors.JOSENotSupported) throw err;
      throw new InvalidTokenError(err instanceof Error ? err.message : "invalid token");
    }
    const identity: TokenIdentity = { sub: claims.sub, sid: claims.sid, iat: claims.iat, ims: claims.ims };
    if (opts.revocations && (await opts.revocations.isRevoked(identity))) {
      throw new InvalidTokenError("token revoked (signed out, password changed, banned or role changed)");
    }
    return {
      user: { id: claims.sub, email: claims.email, role: claims.role === "admin" ? "admin" : "customer" },
      token: identity,
    };
  };
}

/** Like createTokenVerifier, giving only the user. */
export function createUserVerifier(opts: Parameters<typeof createTokenVerifier>[0]) {
  const verify = createTokenVerifier(opts);
  return async function verifyUser(token: string): Promise<AuthUser> {
    return (await verify(token)).user;
  };
}

export const SERVICE_TOKEN_HEADER = "x-service-token";
const SERVICE_AUDIENCE = "mercato-internal";

/** Signs (and caches for a few minutes) the credential a service presents to another service. */
export function createServiceSigner(secret: string, service: string) {
  const key = new TextEncoder().encode(secret);
  let cached: { token: string; until: number } | undefined;
  return async function serviceToken(): Promise<string> {
    const now = Date.now();
    if (cached && cached.until > now) return cached.token;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(service)
      .setAudience(SERVICE_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(key);
    cached = { token, until: now + 5 * 60_000 };
    return token;
  };
}

/** The oldest service credential accepted (signers renew theirs every 5 minutes, valid for 10). */
const SERVICE_TOKEN_MAX_AGE = "15m";
const SERVICE_TOKEN_MAX_LIFETIME_S = 15 * 60;

/** Verified service tokens remembered at most; a caller reuses one token for minutes. */
const VERIFIED_SERVICE_TOKENS_MAX = 256;

/**
 * Returns the calling service's name, or throws InvalidTokenError. A token that verified is
 * remembered until it expires: every internal call carries the caller's cached token, and
 * checking its signature each time was a measurable share of an internal call's CPU.
 */
export function createServiceVerifier(secret: string) {
  const key = new TextEncoder().encode(secret);
  const verified = new Map<string, { service: string; expiresAtMs: number }>();
  return async function verifyService(token: string): Promise<string> {
    const known = verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.service;
    try {
      // A credential names its caller and expires: without `exp` (or `iat`) it is refused, and
      // one issued for longer than SERVICE_TOKEN_MAX_AGE is refused too, so a leaked token dies soon.
      const { payload } = await jwtVerify(token, key, {
        audience: SERVICE_AUDIENCE,
        algorithms: ["HS256"],
        requiredClaims: ["sub", "exp", "iat"],
        maxTokenAge: SERVICE_TOKEN_MAX_AGE,
      });
      if (!payload.sub || payload.exp === undefined) throw new InvalidTokenError("service token has no subject or exp");
      if (payload.iat !== undefined && payload.exp - payload.iat > SERVICE_TOKEN_MAX_LIFETIME_S) {
        throw new InvalidTokenError("service token lives too long");
      }
      if (verified.size >= VERIFIED_SERVICE_TOKENS_MAX) verified.clear();
      verified.set(token, { service: payload.sub, expiresAtMs: payload.exp * 1000 });
      return payload.sub;
    } catch (err) {
      throw new InvalidTokenError(err instanceof Error ? err.message : "invalid service token");
    }
  };
}

/** A bearer value that looks like a JWT (three base64url parts); better-auth session tokens do not. */
export function bearerJwt(authorization: string | null | undefined): string | undefined {
  const m = authorization?.match(/^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/);
  return m?.[1];
}

import type { KeyObject } from "node:crypto";
import { accessOfClaims, type Permission } from "@mercato/access";
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import type { RevocationCache, TokenIdentity } from "./revocation.ts";
import { publicKeysOf, signingKeyOf } from "./service-keys.ts";

/** A role id: a built-in role of `@mercato/access` (customer, superadmin, support...) or a custom one. */
export type Role = string;

export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  /** What the role may do, as identity resolved it when it signed the token (`perms` claim). */
  permissions: readonly Permission[];
  /** Set when the role's scope is "own" (a seller): the seller the user acts for (`sel` claim). */
  sellerId: string | null;
  /** The most one refund may be, in minor units; null = no limit (`rlim` claim). */
  refundLimit: number | null;
  /** The customer group the user is in (#27, `grp` claim): its price lists apply. Absent: none. */
  customerGroup?: string | null;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  email: z.string(),
  role: z.string().optional(),
  /** The role's permissions (identity adds them; absent in old tokens: the built-in role's are used). */
  perms: z.array(z.string()).optional(),
  /** The seller id of a role scoped to its own records. */
  sel: z.string().optional(),
  /** The refund limit in minor units. */
  rlim: z.number().optional(),
  /** The customer group (#27). */
  grp: z.string().optional(),
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
      user: { id: claims.sub, email: claims.email, ...accessOfClaims(claims), customerGroup: claims.grp ?? null },
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

/** A service's credential for calling `audience` (the callee's registry name): cached, renewed before it expires. */
export type ServiceTokenSigner = (audience: string) => Promise<string>;

/** How long a service token lives, and when its signer renews it. Short, so a leaked one dies soon. */
const SERVICE_TOKEN_LIFETIME_S = 5 * 60;
const SERVICE_TOKEN_RENEW_MS = 2 * 60_000;
/** The oldest service credential accepted, and the longest lifetime one may claim. */
const SERVICE_TOKEN_MAX_AGE = "10m";
const SERVICE_TOKEN_MAX_LIFETIME_S = 10 * 60;

/**
 * Signs the credential `service` presents to another service, with its own Ed25519 private key
 * (`SERVICE_SIGNING_KEY`): `iss` = the caller, `aud` = the callee, `exp` five minutes on. One
 * token per callee, cached for two minutes: signing on every call would be wasted CPU.
 */
export function createServiceSigner(signingKey: string | KeyObject, service: string): ServiceTokenSigner {
  const key = typeof signingKey === "string" ? signingKeyOf(signingKey) : signingKey;
  const cached = new Map<string, { token: string; until: number }>();
  return async function serviceToken(audience: string): Promise<string> {
    const now = Date.now();
    const hit = cached.get(audience);
    if (hit && hit.until > now) return hit.token;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "EdDSA", typ: "JWT" })
      .setIssuer(service)
      .setSubject(service)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(now / 1000) + SERVICE_TOKEN_LIFETIME_S)
      .sign(key);
    cached.set(audience, { token, until: now + SERVICE_TOKEN_RENEW_MS });
    return token;
  };
}

/** Verified service tokens remembered at most; a caller reuses one token for minutes. */
const VERIFIED_SERVICE_TOKENS_MAX = 256;

/**
 * Returns the calling service's name, or throws InvalidTokenError. The key is picked by the
 * token's `iss` among the callers' public keys (`SERVICE_PUBLIC_KEYS`), so a token signed by
 * notifications that claims to be orders fails its signature check; `aud` must be this service, so
 * a token orders got for catalog cannot be replayed at payments. A token that verified is
 * remembered (by its exact text) until it expires: every internal call carries the caller's cached
 * token, and checking its signature each time was a measurable share of an internal call's CPU.
 */
export function createServiceVerifier(opts: { service: string; publicKeys: string | Map<string, KeyObject> }) {
  const keys = typeof opts.publicKeys === "string" ? publicKeysOf(opts.publicKeys) : opts.publicKeys;
  const verified = new Map<string, { service: string; expiresAtMs: number }>();
  return async function verifyService(token: string): Promise<string> {
    const known = verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.service;
    let caller: string;
    let expiresAtMs: number;
    try {
      const claimed = decodeJwt(token).iss;
      const key = claimed ? keys.get(claimed) : undefined;
      if (!claimed || !key) throw new InvalidTokenError(`no public key for caller ${claimed ?? "(no iss)"}`);
      // A credential names its caller and expires: without `exp` (or `iat`) it is refused, and
      // one issued for longer than SERVICE_TOKEN_MAX_AGE is refused too, so a leaked token dies soon.
      const { payload } = await jwtVerify(token, key, {
        issuer: claimed,
        audience: opts.service,
        algorithms: ["EdDSA"],
        requiredClaims: ["iss", "aud", "exp", "iat"],
        maxTokenAge: SERVICE_TOKEN_MAX_AGE,
      });
      if (payload.exp === undefined || payload.iat === undefined)
        throw new InvalidTokenError("service token has no exp");
      if (payload.exp - payload.iat > SERVICE_TOKEN_MAX_LIFETIME_S) {
        throw new InvalidTokenError("service token lives too long");
      }
      caller = claimed;
      expiresAtMs = payload.exp * 1000;
    } catch (err) {
      throw new InvalidTokenError(err instanceof Error ? err.message : "invalid service token");
    }
    if (verified.size >= VERIFIED_SERVICE_TOKENS_MAX) verified.clear();
    verified.set(token, { service: caller, expiresAtMs });
    return caller;
  };
}

/** A bearer value that looks like a JWT (three base64url parts); better-auth session tokens do not. */
export function bearerJwt(authorization: string | null | undefined): string | undefined {
  const m = authorization?.match(/^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/);
  return m?.[1];
}

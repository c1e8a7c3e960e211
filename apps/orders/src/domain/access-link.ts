import { errors, jwtVerify, SignJWT } from "jose";

/**
 * A guest's emailed order link (#21): a signed, expiring token for one order, so "View your order"
 * works in any browser, not only the one that ordered. It is an HS256 JWT (jose) under orders' own
 * link secret, naming the order (`sub`), who made it (`iss`), what it is for (`aud`) and when it
 * stops (`exp`). It grants what the order's cookie grants (read the order, and the guest actions:
 * cancel, return, pay): the storefront exchanges it once for that cookie. Verification is the
 * HMAC comparison of WebCrypto's `verify`, constant-time, and checks the algorithm, issuer,
 * audience and expiry; any other token, or one for another order, is refused.
 */
export const ACCESS_LINK_ISSUER = "mercato:orders";
export const ACCESS_LINK_AUDIENCE = "mercato:order-link";
const ALGORITHM = "HS256";

export type AccessLinkCheck =
  | { ok: true; orderId: string; expiresAt: Date }
  | { ok: false; why: "expired" | "invalid" };

function keyOf(secret: string): Uint8Array {
  if (secret.length < 32) throw new RangeError("the order link secret must be at least 32 characters");
  return new TextEncoder().encode(secret);
}

/** A link token for `orderId`, valid for `ttlSeconds` from `now`. */
export async function signAccessLink(
  secret: string,
  orderId: string,
  ttlSeconds: number,
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)
    throw new RangeError("a link lives a positive whole number of seconds");
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ttlSeconds;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setIssuer(ACCESS_LINK_ISSUER)
    .setAudience(ACCESS_LINK_AUDIENCE)
    .setSubject(orderId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(keyOf(secret));
  return { token, expiresAt: new Date(exp * 1000) };
}

/** Whether `token` is a link this secret signed for `orderId` that has not expired at `now`. */
export async function verifyAccessLink(
  secret: string,
  token: string,
  orderId: string,
  now: Date = new Date(),
): Promise<AccessLinkCheck> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: [ALGORITHM],
      issuer: ACCESS_LINK_ISSUER,
      audience: ACCESS_LINK_AUDIENCE,
      currentDate: now,
      clockTolerance: 0,
      requiredClaims: ["sub", "exp", "iat"],
    });
    if (payload.sub !== orderId || typeof payload.exp !== "number") return { ok: false, why: "invalid" };
    return { ok: true, orderId, expiresAt: new Date(payload.exp * 1000) };
  } catch (err) {
    // Only a token whose signature checked can be "expired": jose checks the signature first.
    if (err instanceof errors.JWTExpired) return { ok: false, why: "expired" };
    return { ok: false, why: "invalid" };
  }
}

import { signingKeyOf } from "@mercato/kit";
import { startTestIssuer, testServiceSigner, testSigningKey } from "@mercato/testing";
import { SignJWT } from "jose";

const ADMIN_CLAIMS = { sub: "intruder", email: "intruder@example.com", role: "admin" as const };

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/**
 * Bearer tokens claiming to be an admin that no service may believe: signed with another key,
 * unsigned (alg none), signed with the shared service secret as if it were a user key (algorithm
 * confusion), a service credential used as a user token, and an expired token from `issuer`.
 */
export async function forgedAdminTokens(trusted: {
  sign(c: typeof ADMIN_CLAIMS, expiresIn?: string): Promise<string>;
}): Promise<{ label: string; token: string }[]> {
  const stranger = await startTestIssuer();
  try {
    const now = Math.floor(Date.now() / 1000);
    const claims = { ...ADMIN_CLAIMS, iss: "mercato", aud: "mercato", iat: now, exp: now + 600 };
    return [
      { label: "signed with another key", token: await stranger.sign(ADMIN_CLAIMS) },
      { label: "alg none", token: `${base64url({ alg: "none", typ: "JWT" })}.${base64url(claims)}.AA` },
      {
        label: "HS256 with the old shared service secret",
        token: await new SignJWT({ email: ADMIN_CLAIMS.email, role: "admin" })
          .setProtectedHeader({ alg: "HS256" })
          .setSubject(ADMIN_CLAIMS.sub)
          .setIssuer("mercato")
          .setAudience("mercato")
          .setIssuedAt()
          .setExpirationTime("10m")
          .sign(new TextEncoder().encode("test-service-secret-0123456789abcdef")),
      },
      { label: "a service credential", token: await testServiceSigner("orders")("identity") },
      // Signed with a service's own private key: the key verifies nothing but that service's calls.
      {
        label: "a user token signed with a service's private key",
        token: await new SignJWT({ email: ADMIN_CLAIMS.email, role: "admin" })
          .setProtectedHeader({ alg: "EdDSA" })
          .setSubject(ADMIN_CLAIMS.sub)
          .setIssuer("mercato")
          .setAudience("mercato")
          .setIssuedAt()
          .setExpirationTime("10m")
          .sign(signingKeyOf(testSigningKey("orders"))),
      },
      { label: "expired", token: await trusted.sign(ADMIN_CLAIMS, "-1m") },
    ];
  } finally {
    stranger.stop();
  }
}

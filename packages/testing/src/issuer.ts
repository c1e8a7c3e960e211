import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

export interface TestIssuer {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /**
   * Signs a user token like identity's (EdDSA, sub/email/role), valid for `expiresIn`. Without
   * `perms` the verifier gives the built-in role's permissions (`@mercato/access`).
   */
  sign(
    claims: { sub: string; email: string; role?: string; sid?: string; perms?: string[]; sel?: string; rlim?: number },
    expiresIn?: string,
  ): Promise<string>;
  stop(): void;
}

/**
 * A stand-in for identity's JWKS endpoint, for testing a service without running identity:
 * real keys, real signatures, served over real HTTP on loopback.
 */
export async function startTestIssuer(opts: { issuer?: string; audience?: string } = {}): Promise<TestIssuer> {
  const issuer = opts.issuer ?? "mercato";
  const audience = opts.audience ?? "mercato";
  const { publicKey, privateKey } = await generateKeyPair("EdDSA", { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "EdDSA", use: "sig" };
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => Response.json({ keys: [jwk] }) });
  return {
    jwksUrl: `http://127.0.0.1:${server.port}/jwks`,
    issuer,
    audience,
    sign: (claims, expiresIn = "15m") =>
      new SignJWT({
        email: claims.email,
        role: claims.role ?? "customer",
        ...(claims.sid ? { sid: claims.sid } : {}),
        ...(claims.perms ? { perms: claims.perms } : {}),
        ...(claims.sel ? { sel: claims.sel } : {}),
        ...(claims.rlim !== undefined ? { rlim: claims.rlim } : {}),
      })
        .setProtectedHeader({ alg: "EdDSA", kid: "test-key" })
        .setSubject(claims.sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey),
    stop: () => server.stop(true),
  };
}

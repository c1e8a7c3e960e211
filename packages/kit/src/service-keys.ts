import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { z } from "zod";

/**
 * Each service's own credential: an Ed25519 key pair. A service signs its service tokens with its
 * private key (`SERVICE_SIGNING_KEY`, a private JWK, secret, given to that service only) and checks
 * a caller's token with the caller's public key (`SERVICE_PUBLIC_KEYS`, a JSON object of service
 * name → public JWK, not secret, the same for everyone). One compromised service can then sign as
 * itself only: it holds no other service's private key, unlike the shared HMAC secret before.
 */

/** An Ed25519 public JWK (RFC 8037): what SERVICE_PUBLIC_KEYS holds per service. */
const publicJwk = z.object({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "x is 32 bytes in base64url"),
});
/** An Ed25519 private JWK: `d` is the 32-byte seed. */
const privateJwk = publicJwk.extend({ d: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "d is 32 bytes in base64url") });

export type PublicServiceJwk = z.infer<typeof publicJwk>;
export type PrivateServiceJwk = z.infer<typeof privateJwk>;

/** What was wrong with a key variable, as the end of "expected …" (undefined: it is fine). */
function jsonProblem<T>(text: string, schema: z.ZodType<T>, what: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `${what} as JSON`;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return `${what}${issue ? ` (${[...issue.path].join(".") || "value"}: ${issue.message})` : ""}`;
}

const SIGNING_KEY_EXPECTED = 'an Ed25519 private JWK ({"kty":"OKP","crv":"Ed25519","x":…,"d":…})';
const PUBLIC_KEYS_EXPECTED =
  'a JSON object of service name → Ed25519 public JWK ({"orders":{"kty":"OKP","crv":"Ed25519","x":…}})';

/** The zod rule of SERVICE_SIGNING_KEY: a private Ed25519 JWK. */
export const signingKeySchema = z.string().superRefine((text, ctx) => {
  const problem = jsonProblem(text, privateJwk, SIGNING_KEY_EXPECTED);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/**
 * The zod rule of SERVICE_PUBLIC_KEYS: public keys only. A private `d` in it is refused: that
 * variable is not treated as a secret, so a private key there would be one leaked.
 */
export const publicKeysSchema = z.string().superRefine((text, ctx) => {
  const problem = jsonProblem(text, z.record(z.string().min(1), publicJwk.strict()), PUBLIC_KEYS_EXPECTED);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** The private key of a (validated) SERVICE_SIGNING_KEY. */
export function signingKeyOf(text: string): KeyObject {
  return createPrivateKey({ key: privateJwk.parse(JSON.parse(text)), format: "jwk" });
}

/** Each service's public key from a (validated) SERVICE_PUBLIC_KEYS. */
export function publicKeysOf(text: string): Map<string, KeyObject> {
  const map = z.record(z.string(), publicJwk).parse(JSON.parse(text));
  return new Map(Object.entries(map).map(([name, jwk]) => [name, createPublicKey({ key: jwk, format: "jwk" })]));
}

/** Whether a private key is the one whose public half is `jwk` (a key swapped between services fails this). */
export function isKeyPair(privateKey: KeyObject, publicKey: KeyObject): boolean {
  const mine = createPublicKey(privateKey).export({ format: "jwk" });
  const theirs = publicKey.export({ format: "jwk" });
  return mine.x === theirs.x;
}

/**
 * A secret for another purpose derived from a service's own private key (e.g. orders' guest
 * order links), so that service needs no second secret and no other service can compute it.
 */
export function derivedSecret(signingKeyText: string, purpose: string): string {
  const { d } = privateJwk.parse(JSON.parse(signingKeyText));
  return createHash("sha256").update(`mercato:${purpose}:${d}`).digest("base64url");
}

/** A key set for these callers: each one's private JWK (JSON) and the public map for everyone. */
export interface ServiceKeySet {
  /** `SERVICE_SIGNING_KEY` of each caller. */
  signingKeys: Record<string, string>;
  /** `SERVICE_PUBLIC_KEYS`, the same for every service. */
  publicKeys: string;
}

/** Fresh Ed25519 key pairs (the dev launcher and the test harness make one set per run). */
export function generateServiceKeySet(callers: readonly string[]): ServiceKeySet {
  const signingKeys: Record<string, string> = {};
  const publicKeys: Record<string, PublicServiceJwk> = {};
  for (const caller of callers) {
    const { privateKey } = generateKeyPairSync("ed25519");
    const jwk = privateKey.export({ format: "jwk" }) as PrivateServiceJwk;
    signingKeys[caller] = JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d });
    publicKeys[caller] = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  }
  return { signingKeys, publicKeys: JSON.stringify(publicKeys) };
}

/** One counter a request is charged against. */
export interface Bucket {
  /** What the limit protects, for metrics and logs: `ip`, `user`, `sensitive`. */
  name: "ip" | "user" | "sensitive";
  key: string;
  limit: number;
  windowMs: number;
}

export interface RateLimitConfig {
  windowMs: number;
  perIp: number;
  perUser: number;
  sensitive: number;
}

export interface RateLimitedRequest {
  path: string;
  /** tRPC procedures addressed by the request (empty for plain HTTP routes). */
  procedures: string[];
  ip: string;
  /** The JWT subject, when a bearer JWT came; used only as a key (the service verifies it). */
  userId: string | undefined;
}

/** Routes worth brute-forcing or expensive to abuse: credentials, resets, and placing orders. */
const SENSITIVE_AUTH = [/^\/api\/auth\/sign-in/, /^\/api\/auth\/sign-up/, /^\/api\/auth\/request-password-reset/];
const SENSITIVE_PROCEDURES = new Set(["orders.checkout"]);
/** Stripe retries webhooks on its own schedule; throttling it would only delay payments. */
const UNLIMITED_PATHS = new Set(["/webhooks/stripe"]);

/**
 * The buckets a request is charged against. Every request counts per IP; a signed-in user also
 * per user, so many users behind one NAT share the generous IP limit but not each other's; the
 * sensitive routes add a strict bucket of their own. A request charged to no bucket is not limited.
 */
export function bucketsFor(req: RateLimitedRequest, config: RateLimitConfig): Bucket[] {
  if (UNLIMITED_PATHS.has(req.path)) return [];
  const { windowMs } = config;
  const buckets: Bucket[] = [{ name: "ip", key: `ip:${req.ip}`, limit: config.perIp, windowMs }];
  if (req.userId) buckets.push({ name: "user", key: `user:${req.userId}`, limit: config.perUser, windowMs });
  const auth = SENSITIVE_AUTH.find((re) => re.test(req.path));
  if (auth) {
    // Before sign-in there is no user: the IP is the only key.
    buckets.push({ name: "sensitive", key: `auth:${req.path}:${req.ip}`, limit: config.sensitive, windowMs });
  }
  for (const procedure of req.procedures) {
    if (!SENSITIVE_PROCEDURES.has(procedure)) continue;
    const who = req.userId ? `user:${req.userId}` : `ip:${req.ip}`;
    buckets.push({ name: "sensitive", key: `${procedure}:${who}`, limit: config.sensitive, windowMs });
  }
  return buckets;
}

/**
 * The subject of a bearer JWT, decoded without verifying: it only chooses a rate-limit key, and a
 * forged one still pays the per-IP limit. The service behind verifies the token for real.
 */
export function jwtSubject(authorization: string | null | undefined): string | undefined {
  const m = authorization?.match(/^Bearer\s+[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+$/);
  if (!m?.[1]) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(m[1], "base64url").toString("utf8"));
    if (typeof claims !== "object" || claims === null || !("sub" in claims)) return undefined;
    const { sub } = claims;
    return typeof sub === "string" && sub.length > 0 && sub.length <= 200 ? sub : undefined;
  } catch {
    return undefined;
  }
}

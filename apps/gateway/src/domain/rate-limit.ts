/** One counter a request is charged against. */
export interface Bucket {
  /**
   * What the limit protects, for metrics and logs: `ip` and `user` (writes: mutations and other
   * POSTs), `read` (reads: tRPC queries and GETs, server renders and prefetches included), `media`
   * (product images), `sensitive` (the strict ones).
   */
  name: "ip" | "user" | "read" | "media" | "sensitive";
  key: string;
  limit: number;
  windowMs: number;
}

export interface RateLimitConfig {
  windowMs: number;
  /** Writes (mutations, POSTs) per client address. */
  perIp: number;
  /** Per signed-in user, writes and reads each. */
  perUser: number;
  /** Reads (GET/HEAD: tRPC queries, subscriptions, session reads) per client address. */
  perIpRead: number;
  /** Images (`/media/*`) per client address. */
  perMedia: number;
  sensitive: number;
}

export interface RateLimitedRequest {
  path: string;
  /** The HTTP method: GET and HEAD are reads, anything else a write. */
  method: string;
  /** tRPC procedures addressed by the request (empty for plain HTTP routes). */
  procedures: string[];
  ip: string;
  /** The user whose bearer JWT the gateway verified; never a subject read from an unverified token. */
  userId: string | undefined;
  /** The cart a guest call names (`cartToken` in its input), for the per-cart checkout bucket. */
  cartToken?: string | undefined;
}

/** Routes worth brute-forcing or expensive to abuse: credentials, resets, and placing orders. */
const SENSITIVE_AUTH = [/^\/api\/auth\/sign-in/, /^\/api\/auth\/sign-up/, /^\/api\/auth\/request-password-reset/];
/** Placing orders and guessing discount codes: a strict bucket per shopper. */
export const SENSITIVE_PROCEDURES: ReadonlySet<string> = new Set([
  "orders.checkout",
  "cart.applyCode",
  // The same over REST (PUT /api/v1/carts/{cartId}/discount-code, #24).
  "cart.carts.applyCode",
  "orders.lookup",
]);
/**
 * Guests of one address each have their own strict bucket per cart (twenty shoppers behind one
 * office NAT can each check out); all of them together get this many times the strict limit.
 */
export const SHARED_ADDRESS_FACTOR = 20;
/** Stripe retries webhooks on its own schedule; throttling it would only delay payments. */
const UNLIMITED_PATHS = new Set(["/webhooks/stripe"]);
/** Product images: cacheable and cheap, fetched by the dozen per page; a bucket of their own. */
const MEDIA_PREFIX = "/media/";
const isRead = (method: string) => method === "GET" || method === "HEAD";

/**
 * The buckets a request (or one call of a batch) is charged against. Every call counts per IP; a
 * signed-in user also per user, so many users behind one NAT share the generous IP limit but not
 * each other's. Reads (GET/HEAD: queries, server renders, prefetches) and writes (mutations such
 * as Add to cart) are counted apart, so a burst of browsing cannot spend the budget a purchase
 * needs; images have a bucket of their own and touch neither. The sensitive routes add strict
 * buckets of their own. A request charged to no bucket is not limited.
 */
export function bucketsFor(req: RateLimitedRequest, config: RateLimitConfig): Bucket[] {
  if (UNLIMITED_PATHS.has(req.path)) return [];
  const { windowMs } = config;
  if (req.path.startsWith(MEDIA_PREFIX) && isRead(req.method)) {
    return [{ name: "media", key: `media:${req.ip}`, limit: config.perMedia, windowMs }];
  }
  const read = isRead(req.method);
  const buckets: Bucket[] = read
    ? [{ name: "read", key: `read:ip:${req.ip}`, limit: config.perIpRead, windowMs }]
    : [{ name: "ip", key: `ip:${req.ip}`, limit: config.perIp, windowMs }];
  if (req.userId) {
    const key = read ? `read:user:${req.userId}` : `user:${req.userId}`;
    buckets.push({ name: "user", key, limit: config.perUser, windowMs });
  }
  const auth = SENSITIVE_AUTH.find((re) => re.test(req.path));
  if (auth) {
    // Before sign-in there is no user: the IP is the only key.
    buckets.push({ name: "sensitive", key: `auth:${req.path}:${req.ip}`, limit: config.sensitive, windowMs });
  }
  for (const procedure of req.procedures) {
    if (!SENSITIVE_PROCEDURES.has(procedure)) continue;
    if (req.userId) {
      buckets.push({ name: "sensitive", key: `${procedure}:user:${req.userId}`, limit: config.sensitive, windowMs });
      continue;
    }
    const cart = req.cartToken ? `:cart:${Bun.hash(req.cartToken).toString(36)}` : "";
    buckets.push({ name: "sensitive", key: `${procedure}:ip:${req.ip}${cart}`, limit: config.sensitive, windowMs });
    if (cart) {
      const limit = config.sensitive * SHARED_ADDRESS_FACTOR;
      buckets.push({ name: "sensitive", key: `${procedure}:ip:${req.ip}:all`, limit, windowMs });
    }
  }
  return buckets;
}

/**
 * The buckets of each call of a tRPC batch, in order: a batch of 50 listings costs 50 requests,
 * 20 checkouts 20 checkouts. A plain HTTP request (no procedures) is one call.
 */
export function bucketsPerCall(
  req: Omit<RateLimitedRequest, "cartToken"> & { cartTokens?: (string | undefined)[] },
  config: RateLimitConfig,
): Bucket[][] {
  if (req.procedures.length === 0) return [bucketsFor(req, config)];
  return req.procedures.map((procedure, i) =>
    bucketsFor({ ...req, procedures: [procedure], cartToken: req.cartTokens?.[i] }, config),
  );
}

/** The `cartToken` of a call's input, plain JSON or superjson's `{ json }`. */
export function cartTokenOf(input: unknown): string | undefined {
  const data = input && typeof input === "object" && "json" in input ? input.json : input;
  if (!data || typeof data !== "object" || !("cartToken" in data)) return undefined;
  const token = data.cartToken;
  return typeof token === "string" && token.length > 0 && token.length <= 200 ? token : undefined;
}

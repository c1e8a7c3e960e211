import type { Context } from "hono";
import type { GatewayHonoEnv, GatewayMiddleware } from "../context.ts";
import { parseBatchInputs } from "../domain/batch.ts";
import {
  bucketsFor,
  bucketsPerCall,
  cartTokenOf,
  type RateLimitConfig,
  SENSITIVE_PROCEDURES,
} from "../domain/rate-limit.ts";
import { refuse } from "../errors.ts";
import type { GatewayMetrics } from "../metrics.ts";
import type { RateDecision, RateLimiter } from "../rate-limiter.ts";

/**
 * Charges each call of the request to its buckets (per IP and per verified user, reads and writes
 * apart, images on their own; strict ones for sign-in, checkout, discount codes and the order
 * lookup) in order: a batch of 50 listings costs 50. When every call
 * is refused the request is a 429 with Retry-After; when only some are, the calls within the limits
 * run and the others are answered with tRPC 429 entries at their positions (the proxy splits the
 * batch). Runs after routing, whose procedure names are the ones the service will run, and after
 * authentication, whose user is verified.
 */
export function rateLimitMiddleware(deps: {
  limiter: RateLimiter;
  metrics: GatewayMetrics;
  limits: RateLimitConfig;
}): GatewayMiddleware {
  const { limiter, metrics, limits } = deps;
  return async (c, next) => {
    const { procedures, trpc } = c.var.destination;
    const batch = trpc && c.req.query("batch") === "1";
    const inputs = procedures.some((p) => SENSITIVE_PROCEDURES.has(p)) ? await callInputs(c, batch) : undefined;
    const who = { path: c.req.path, method: c.req.method, ip: c.var.clientIp, userId: c.var.userId };
    // The cart a call names: in its body, else in the x-cart-token header (the storefront's way).
    const cartOf = (i: number) => cartTokenOf(inputs?.[i]) ?? (c.req.header("x-cart-token") || undefined);
    // Outside a batch tRPC runs the path as one call, which pays each strict bucket its names address.
    const perCall = batch
      ? bucketsPerCall({ ...who, procedures, cartTokens: procedures.map((_, i) => cartOf(i)) }, limits)
      : [bucketsFor({ ...who, procedures, cartToken: cartOf(0) }, limits)];
    const decisions: RateDecision[] = [];
    // One after another, so the first calls within the limit are the ones that run.
    for (const buckets of perCall) decisions.push(await limiter.check(buckets));
    const refused = new Map<number, { message: string; retryAfterSeconds: number }>();
    decisions.forEach((d, i) => {
      if (d.allowed) return;
      metrics.countLimited(d.bucket.name);
      refused.set(i, { message: tooMany(d.retryAfterSeconds), retryAfterSeconds: d.retryAfterSeconds });
    });
    if (refused.size === 0) return next();
    const retryAfter = Math.max(...[...refused.values()].map((r) => r.retryAfterSeconds));
    const streamed = c.req.header("trpc-accept") === "application/jsonl";
    if (refused.size === decisions.length || !batch || streamed) {
      return refuse(c, 429, tooMany(retryAfter), { "retry-after": String(retryAfter) });
    }
    const all = inputs ?? (await callInputs(c, true));
    if (!all) return refuse(c, 400, "input: a batch's inputs must be one JSON object keyed by position");
    const kept = decisions.flatMap((d, i) => (d.allowed ? [i] : []));
    c.set("batchPlan", { kept, inputs: all, refused });
    await next();
    c.header("retry-after", String(retryAfter));
  };
}

const tooMany = (seconds: number) => `Too many requests: try again in ${seconds} s`;

/** The inputs of the request's calls by position (a single call's input at "0"). */
async function callInputs(c: Context<GatewayHonoEnv>, batch: boolean): Promise<Record<string, unknown> | undefined> {
  // The body is bounded by the body limit; a clone leaves it for the proxy.
  const raw = c.req.method === "GET" ? c.req.query("input") : await c.req.raw.clone().text();
  if (batch) return parseBatchInputs(raw);
  try {
    return { 0: raw ? JSON.parse(raw) : undefined };
  } catch {
    return { 0: undefined };
  }
}

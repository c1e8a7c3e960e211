import type { GatewayMiddleware } from "../context.ts";
import { bucketsFor, jwtSubject, type RateLimitConfig } from "../domain/rate-limit.ts";
import { refuse } from "../errors.ts";
import type { GatewayMetrics } from "../metrics.ts";
import type { RateLimiter } from "../rate-limiter.ts";

/**
 * Charges the request to its buckets (per IP, per user, strict ones for sign-in and checkout) and
 * refuses it with 429 and Retry-After when one ran out. Runs after routing, whose procedure names
 * are the ones the service will run.
 */
export function rateLimitMiddleware(deps: {
  limiter: RateLimiter;
  metrics: GatewayMetrics;
  limits: RateLimitConfig;
}): GatewayMiddleware {
  const { limiter, metrics, limits } = deps;
  return async (c, next) => {
    const buckets = bucketsFor(
      {
        path: c.req.path,
        procedures: c.var.destination.procedures,
        ip: c.var.clientIp,
        userId: jwtSubject(c.req.header("authorization")),
      },
      limits,
    );
    const decision = await limiter.check(buckets);
    if (!decision.allowed) {
      metrics.countLimited(decision.bucket.name);
      const seconds = decision.retryAfterSeconds;
      return refuse(c, 429, `Too many requests: try again in ${seconds} s`, { "retry-after": String(seconds) });
    }
    await next();
  };
}

import { httpRouteFor } from "@mercato/registry";
import { bodyLimit } from "hono/body-limit";
import type { GatewayMiddleware } from "../context.ts";
import { refuse } from "../errors.ts";

/**
 * Refuses a request body over `maxBytes` with a 413 before any of it reaches a service. A route
 * the registry gives a limit of its own (the catalog's image uploads) is held to that one instead.
 */
export function bodyLimitMiddleware(deps: { maxBytes: number }): GatewayMiddleware {
  const limiters = new Map<number, GatewayMiddleware>();
  const limiterOf = (maxSize: number) => {
    let limiter = limiters.get(maxSize);
    if (!limiter) {
      limiter = bodyLimit({
        maxSize,
        onError: (c) => refuse(c, 413, `body: larger than the ${maxSize} bytes allowed`),
      });
      limiters.set(maxSize, limiter);
    }
    return limiter;
  };
  return (c, next) => {
    const ownLimit = httpRouteFor(c.req.path, c.req.method)?.route.maxBodyBytes;
    return limiterOf(ownLimit ?? deps.maxBytes)(c, next);
  };
}

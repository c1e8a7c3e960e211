import { cors } from "hono/cors";
import type { GatewayMiddleware } from "../context.ts";
import { refuse } from "../errors.ts";

/** Headers a browser page may read from our answers (set-auth-token is better-auth's bearer). */
const EXPOSED_HEADERS = ["x-request-id", "set-auth-token", "retry-after", "x-cache", "etag"];

/**
 * Refuses requests from origins outside the allowlist and answers the allowed ones with CORS
 * headers (credentials included). Browsers enforce CORS only on reading; refusing foreign origins
 * outright also stops cross-site writes that ride on cookies. Requests without Origin (servers,
 * Stripe) pass.
 */
export function originCheckMiddleware(deps: { allowedOrigins: readonly string[] }): GatewayMiddleware {
  const allowed = new Set(deps.allowedOrigins);
  const corsHeaders = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return async (c, next) => {
    const origin = c.req.header("origin");
    if (origin && !allowed.has(origin)) return refuse(c, 403, `origin: ${origin} is not allowed`);
    return corsHeaders(c, next);
  };
}

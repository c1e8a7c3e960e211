import type { GatewayMiddleware } from "../context.ts";

/**
 * Decides who the client is, for rate limits and X-Forwarded-For: the first X-Forwarded-For entry
 * when the gateway runs behind a proxy that sets it (`trustProxy`), otherwise the peer address.
 */
export function clientAddressMiddleware(deps: { trustProxy: boolean }): GatewayMiddleware {
  return async (c, next) => {
    const forwarded = deps.trustProxy ? c.req.header("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
    c.set("clientIp", forwarded || (c.env?.requestIP?.(c.req.raw)?.address ?? "unknown"));
    await next();
  };
}

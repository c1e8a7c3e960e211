import type { GatewayMiddleware } from "../context.ts";
import {
  forwardedClient,
  verifiedClientAddress,
  WEB_CLIENT_IP_HEADER,
  WEB_CLIENT_SIG_HEADER,
} from "../domain/web-tier.ts";

/**
 * Decides who the client is, for rate limits and the X-Forwarded-For the services get (which the
 * gateway overwrites with this address):
 * - the shopper the storefront's server vouches for, with a valid signature of the web tier;
 * - else, behind `trustedProxyHops` proxies, the X-Forwarded-For entry the outermost one appended;
 * - else the peer address. A made-up X-Forwarded-For names nobody.
 */
export function clientAddressMiddleware(deps: { trustedProxyHops: number; webTierSecret?: string }): GatewayMiddleware {
  return async (c, next) => {
    const vouched = verifiedClientAddress(
      deps.webTierSecret,
      c.req.header(WEB_CLIENT_IP_HEADER),
      c.req.header(WEB_CLIENT_SIG_HEADER),
    );
    const forwarded = forwardedClient(c.req.header("x-forwarded-for"), deps.trustedProxyHops);
    c.set("clientIp", vouched ?? forwarded ?? c.env?.requestIP?.(c.req.raw)?.address ?? "unknown");
    await next();
  };
}

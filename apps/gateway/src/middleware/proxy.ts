import type { GatewayMiddleware } from "../context.ts";
import { forward, upstreamTarget } from "../forward.ts";
import type { Upstreams } from "../upstreams.ts";

/**
 * Forwards the request to the service routing chose, under that service's timeout and circuit
 * breaker, streaming the answer back. A service that cannot answer throws an UpstreamError, which
 * the error handler turns into a 503/504 naming it.
 */
export function proxyMiddleware(deps: { upstreams: Upstreams }): GatewayMiddleware {
  return (c) => {
    const { service } = c.var.destination;
    const upstream = deps.upstreams.get(service);
    if (!upstream) throw new Error(`proxy: no upstream for ${service}`);
    return forward(c.req.raw, upstream, {
      target: upstreamTarget(c.req.url),
      requestId: c.var.requestId,
      clientIp: c.var.clientIp,
      identityEncoding: c.var.identityEncoding ?? false,
    });
  };
}

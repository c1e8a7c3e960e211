import type { Logger } from "@mercato/kit";
import type { GatewayMiddleware } from "../context.ts";
import type { GatewayMetrics } from "../metrics.ts";

/**
 * Counts and times every request by route kind and upstream (which the later steps set), and
 * logs the ones that failed on our side or the service's.
 */
export function metricsMiddleware(deps: { metrics: GatewayMetrics; log: Logger }): GatewayMiddleware {
  const { metrics, log } = deps;
  return async (c, next) => {
    const started = performance.now();
    c.set("route", "other");
    c.set("upstream", "none");
    await next();
    const status = c.res.status;
    metrics.observeRequest(
      c.get("route"),
      c.get("upstream"),
      c.req.method,
      status,
      (performance.now() - started) / 1000,
    );
    if (status >= 500) {
      log.warn({ requestId: c.get("requestId"), method: c.req.method, path: c.req.path, status }, "request failed");
    }
  };
}

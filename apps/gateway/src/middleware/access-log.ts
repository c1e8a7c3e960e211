import { type AccessLog, accessTraceId } from "@mercato/kit";
import type { GatewayMiddleware } from "../context.ts";

/**
 * One access-log line per request at the public origin (the kit's format, sampling and redaction:
 * packages/kit/src/access-log.ts): method, the path without its query or the tRPC procedures
 * routing found, status, duration, request id, trace id and the client address the client
 * address step decided (the peer when the request was answered before it).
 */
export function accessLogMiddleware(deps: { accessLog: AccessLog }): GatewayMiddleware {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const destination = c.get("destination");
    deps.accessLog.write({
      method: c.req.method,
      path: c.req.path,
      procedures: destination?.trpc ? destination.procedures : undefined,
      status: c.res.status,
      durationMs: performance.now() - started,
      requestId: c.get("requestId"),
      // The gateway's own span when it traces (a client's traceparent is not trusted then), else the header.
      traceId: accessTraceId(c.req.header("traceparent") ?? c.res.headers.get("traceparent")),
      client: c.get("clientIp") ?? c.env?.requestIP?.(c.req.raw)?.address ?? null,
    });
  };
}

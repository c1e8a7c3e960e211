import { createLogger, type Logger } from "@mercato/kit";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { GatewayBindings, GatewayHonoEnv, GatewayMiddleware, GatewayVariables } from "../../src/context.ts";
import { gatewayErrorHandler } from "../../src/errors.ts";

/** A logger that keeps what was logged at warn and error level, and prints nothing. */
export function recordingLog(): { log: Logger; records: { level: "warn" | "error"; args: unknown[] }[] } {
  const records: { level: "warn" | "error"; args: unknown[] }[] = [];
  const log = Object.assign(createLogger("gateway-test", "silent"), {
    warn: (...args: unknown[]) => records.push({ level: "warn", args }),
    error: (...args: unknown[]) => records.push({ level: "error", args }),
  });
  return { log, records };
}

/**
 * A tiny gateway-shaped app for one step: the request id and the gateway's error handler, as in
 * the real pipeline, then whatever the test mounts.
 */
export function tinyApp(log: Logger = recordingLog().log): Hono<GatewayHonoEnv> {
  const app = new Hono<GatewayHonoEnv>();
  app.use(requestId());
  app.onError(gatewayErrorHandler(log));
  return app;
}

/** Stands in for the steps before the one under test, setting what they would have set. */
export function given(vars: Partial<GatewayVariables>): GatewayMiddleware {
  return async (c, next) => {
    for (const [key, value] of Object.entries(vars)) c.set(key as keyof GatewayVariables, value as never);
    await next();
  };
}

/** Bun's server as `app.fetch`'s env: it tells the peer address. */
export function peer(address: string): GatewayBindings {
  return { requestIP: () => ({ address }) };
}

/** `app.fetch` with an absolute URL, the way Bun.serve calls it. */
export function call(
  app: Hono<GatewayHonoEnv>,
  path: string,
  init: RequestInit = {},
  env: GatewayBindings = peer("10.0.0.1"),
): Promise<Response> {
  return Promise.resolve(app.fetch(new Request(`http://gateway.test${path}`, init), env));
}

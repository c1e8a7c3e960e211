import { type BreakerState, breakerStateName } from "@mercato/kit";
import type { Hono } from "hono";
import type { Upstreams } from "./upstreams.ts";

export type { BreakerState };

/** Each upstream's circuit breaker state, by service name. */
export function breakerStates(upstreams: Upstreams): Record<string, BreakerState> {
  return Object.fromEntries([...upstreams.values()].map((u) => [u.name, breakerStateName(u.state)]));
}

/**
 * GET /breakers on the gateway's internal (metrics) port: what the admin's system health page
 * shows of the gateway. Never on the public port: it tells an attacker which service is failing.
 */
export function addBreakerRoute(app: Hono, upstreams: Upstreams): Hono {
  app.get("/breakers", (c) => c.json({ breakers: breakerStates(upstreams) }, 200, { "cache-control": "no-store" }));
  return app;
}

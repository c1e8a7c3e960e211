import type { ServiceName } from "@mercato/registry";
import type { MiddlewareHandler } from "hono";
import type { RequestIdVariables } from "hono/request-id";

/** Where routing sends a request. */
export interface Destination {
  service: ServiceName;
  /** tRPC procedures the request addresses, as tRPC will read them (empty for plain HTTP routes). */
  procedures: string[];
  /** Whether it is a tRPC call (`/trpc/...`), answered by the service's tRPC handler. */
  trpc: boolean;
  /** Whether it is a REST call (`/api/v1/...`, #24), answered by the service's REST handler for `procedures[0]`. */
  rest?: boolean;
}

/**
 * Set by the rate limit when some calls of a batch may run and others are refused: the proxy
 * forwards only the `kept` calls and answers the others with these tRPC errors at their positions.
 */
export interface BatchPlan {
  kept: number[];
  /** The inputs of the whole batch by position. */
  inputs: Record<string, unknown>;
  /** Each refused call's position, with its error message and the Retry-After it earned. */
  refused: Map<number, { message: string; retryAfterSeconds: number }>;
}

/** What each step of the pipeline learns about a request and leaves for the steps after it. */
export type GatewayVariables = RequestIdVariables & {
  /** Bounded route kind for metrics (`/trpc`, `/api/auth`, `/health`, ...); `other` until known. */
  route: string;
  /** The service the request goes to, for metrics; `none` until routed. */
  upstream: string;
  /** Who the client is (set by the client address step). */
  clientIp: string;
  /** Set by routing; the steps after it (rate limit, cache, proxy) rely on it. */
  destination: Destination;
  /** The user whose bearer JWT the gateway verified (set by authentication); absent for guests. */
  userId?: string;
  /** Set by the rate limit for a batch it lets through in part. */
  batchPlan?: BatchPlan;
};

/** On Bun, `app.fetch(req, server)` makes the server the env: it knows the peer address. */
export type GatewayBindings = { requestIP?: (req: Request) => { address: string } | null };

export type GatewayHonoEnv = { Bindings: GatewayBindings; Variables: GatewayVariables };
export type GatewayMiddleware = MiddlewareHandler<GatewayHonoEnv>;

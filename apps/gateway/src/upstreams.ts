import { createCallPolicy, isCircuitOpen, isTimeout, type Logger, ReplicaSet } from "@mercato/kit";
import { SERVICE_NAMES, type ServiceName } from "@mercato/registry";
import { CircuitState } from "cockatiel";
import type { GatewayMetrics } from "./metrics.ts";

/** Why a service could not answer; the gateway turns it into a 503/504 naming the service. */
export class UpstreamError extends Error {
  override name = "UpstreamError";
  constructor(
    readonly service: ServiceName,
    readonly reason: "circuit-open" | "timeout" | "unreachable",
    readonly status: 503 | 504,
    message: string,
  ) {
    super(message);
  }
}

export interface Upstream {
  name: ServiceName;
  /**
   * The service's instances (its URL variable, one URL or a comma-separated list): each call goes
   * to the next in the rotation; one that refuses the connection, or fails its `/ready` probe
   * (health.ts), is out until it answers again.
   */
  replicas: ReplicaSet;
  /**
   * Runs one call to the service under its timeout and circuit breaker, at the base URL of the
   * replica chosen for it (a replica refusing the connection is skipped for the next: the request
   * never reached it, so even a mutation may go on). The signal given to `call` aborts on the
   * timeout or when `clientSignal` aborts (the client went away); the timeout covers the time to
   * the response headers only, so a stream can outlive it.
   */
  execute(
    call: (baseUrl: string, signal: AbortSignal) => Promise<Response>,
    clientSignal: AbortSignal,
  ): Promise<Response>;
  readonly state: CircuitState;
}

export interface UpstreamOptions {
  timeoutMs: number;
  halfOpenAfterMs: number;
}

/** A client hanging up aborts its fetch; that says nothing about the service's health. */
class ClientGoneError extends Error {
  override name = "ClientGoneError";
}

/** One upstream per service in the registry, in its order. */
export type Upstreams = ReadonlyMap<ServiceName, Upstream>;

export function createUpstreams(
  urls: Record<ServiceName, readonly string[]>,
  options: UpstreamOptions,
  metrics: GatewayMetrics,
  log: Logger,
): Upstreams {
  return new Map(
    SERVICE_NAMES.map((name) => {
      const list = urls[name];
      if (!list?.length) throw new Error(`upstreams: no URL for ${name}`);
      return [name, createUpstream(name, new ReplicaSet(list), options, metrics, log)];
    }),
  );
}

function createUpstream(
  name: ServiceName,
  replicas: ReplicaSet,
  options: UpstreamOptions,
  metrics: GatewayMetrics,
  log: Logger,
): Upstream {
  // The kit's call policy (the services' clients of each other use the same): every failure counts
  // (refused, reset, timed out), except a client that left; no retries (a proxied request may be a
  // mutation, and the client decides). abortOnReturn false: the signal must stay live while the
  // response body streams on.
  const policy = createCallPolicy({
    timeoutMs: options.timeoutMs,
    halfOpenAfterMs: options.halfOpenAfterMs,
    isFailure: (err) => !(err instanceof ClientGoneError),
    abortOnReturn: false,
  });

  metrics.setBreakerState(name, policy.state);
  policy.onStateChange((state) => {
    metrics.setBreakerState(name, state);
    const label = CircuitState[state];
    if (state === CircuitState.Open) log.warn({ upstream: name }, `circuit to ${name} opened`);
    else log.info({ upstream: name, state: label }, `circuit to ${name} is ${label}`);
  });

  return {
    name,
    replicas,
    get state() {
      return policy.state;
    },
    async execute(call, clientSignal) {
      try {
        return await policy.execute(async (signal) => {
          try {
            const both = AbortSignal.any([signal, clientSignal]);
            return await replicas.run((baseUrl) => call(baseUrl, both));
          } catch (err) {
            if (clientSignal.aborted) throw new ClientGoneError("client closed the request");
            throw err;
          }
        });
      } catch (err) {
        throw describe(name, options.timeoutMs, err);
      }
    },
  };
}

function describe(name: ServiceName, timeoutMs: number, err: unknown): unknown {
  if (err instanceof ClientGoneError) return err;
  if (isCircuitOpen(err)) {
    return new UpstreamError(name, "circuit-open", 503, `${name} is unavailable`);
  }
  if (isTimeout(err)) {
    return new UpstreamError(name, "timeout", 504, `${name} did not answer within ${timeoutMs} ms`);
  }
  return new UpstreamError(name, "unreachable", 503, `${name} is unavailable`);
}

import type { ServiceName } from "@mercato/registry";
import type { ServiceTokenSigner } from "./auth.ts";
import {
  type BreakerState,
  breakerStateName,
  type CallPolicy,
  createCallPolicy,
  isCircuitOpen,
  isTimeout,
} from "./breaker.ts";
import { parseUrlList, ReplicaSet } from "./replicas.ts";

/**
 * What a service gets around its calls to another (service-client.ts), as the gateway has: a
 * timeout, a circuit breaker per upstream, and retries only for queries (tRPC sends them as GET,
 * mutations as POST), only after a failure to connect (a timed-out call is not sent again to a
 * slow service). A callee with several replicas (its URL variable a comma-separated list) gets its
 * calls spread over them round robin, a replica that refuses connections skipped (replicas.ts):
 * one breaker per callee, since a replica that is down is stepped around before the breaker
 * sees a failure. The breakers belong to the calling service, found by its credential signer
 * (`deps.serviceToken`), so several services in one test process keep theirs apart.
 */

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface ServiceCallOptions {
  timeoutMs: number;
  halfOpenAfterMs: number;
  retries: number;
}

export const DEFAULT_SERVICE_CALL_OPTIONS: ServiceCallOptions = {
  timeoutMs: 10_000,
  halfOpenAfterMs: 5_000,
  retries: 2,
};

/** Why a call to another service did not get an answer: named, so the caller's 503 can say which. */
export class ServiceCallError extends Error {
  override name = "ServiceCallError";
  constructor(
    readonly service: string,
    readonly reason: "circuit-open" | "timeout" | "unreachable",
    message: string,
  ) {
    super(message);
  }
}

/** One calling service's breakers, one per upstream it calls, and the upstreams' replicas. */
export class ServiceCalls {
  private readonly policies = new Map<string, CallPolicy>();
  private readonly replicaSets = new Map<string, ReplicaSet>();
  constructor(readonly options: ServiceCallOptions) {}

  /** The callee's replicas at `baseUrl` (one URL or a comma-separated list), shared by every client of it. */
  replicas(callee: string, baseUrl: string): ReplicaSet {
    const urls = parseUrlList(baseUrl);
    const key = `${callee} ${urls.join(",")}`;
    let set = this.replicaSets.get(key);
    if (!set) {
      set = new ReplicaSet(urls);
      this.replicaSets.set(key, set);
    }
    return set;
  }

  policy(callee: string): CallPolicy {
    let policy = this.policies.get(callee);
    if (!policy) {
      policy = createCallPolicy({
        timeoutMs: this.options.timeoutMs,
        halfOpenAfterMs: this.options.halfOpenAfterMs,
        retries: this.options.retries,
        isRetryable: (err) => !isTimeout(err),
      });
      this.policies.set(callee, policy);
    }
    return policy;
  }

  /** Each upstream called so far and its breaker's state (metrics, the system room). */
  states(): Record<string, BreakerState> {
    return Object.fromEntries([...this.policies].map(([name, p]) => [name, breakerStateName(p.state)]));
  }
}

const bySigner = new WeakMap<ServiceTokenSigner, ServiceCalls>();

/** Sets the calling service's options (the kit, from env, at start-up). */
export function configureServiceCalls(signer: ServiceTokenSigner, options: ServiceCallOptions): ServiceCalls {
  const calls = new ServiceCalls(options);
  bySigner.set(signer, calls);
  return calls;
}

/** The calls of the service that owns `signer` (defaults for a signer the kit did not configure). */
export function serviceCallsOf(signer: ServiceTokenSigner): ServiceCalls {
  let calls = bySigner.get(signer);
  if (!calls) {
    calls = new ServiceCalls(DEFAULT_SERVICE_CALL_OPTIONS);
    bySigner.set(signer, calls);
  }
  return calls;
}

/**
 * `fetch` under the callee's policy. The body is read inside it, so the timeout covers the whole
 * answer and a late body cannot hang the caller (service answers are small JSON; no streams here).
 * With `replicas`, requests are addressed at the first of them (the link's URL) and sent to the
 * replica the rotation picks; one that refuses the connection is skipped for the next, inside one
 * attempt, so even a mutation moves on (it never reached the dead one).
 */
export function guardedFetch(callee: ServiceName, calls: ServiceCalls, base: Fetch, replicas?: ReplicaSet): Fetch {
  const policy = calls.policy(callee);
  const first = replicas?.urls[0];
  return async (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    // tRPC's link passes a URL string; a Request (its own method and body) goes as it is.
    const url = input instanceof Request ? undefined : String(input);
    const send = (target: string | URL | Request, signal: AbortSignal) =>
      base(target, { ...init, signal: init?.signal ? AbortSignal.any([signal, init.signal]) : signal });
    try {
      return await policy.execute(
        async (signal) => {
          const res =
            replicas && first && url?.startsWith(first) && replicas.urls.length > 1
              ? await replicas.run((replica) => send(replica + url.slice(first.length), signal))
              : await send(input, signal);
          const body = await res.arrayBuffer();
          return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
        },
        { idempotent: method === "GET" },
      );
    } catch (err) {
      throw describe(callee, calls.options.timeoutMs, err);
    }
  };
}

function describe(callee: string, timeoutMs: number, err: unknown): ServiceCallError {
  if (isCircuitOpen(err)) {
    return new ServiceCallError(
      callee,
      "circuit-open",
      `${callee} is unavailable: its circuit breaker is open after repeated failures; calls fail fast until it recovers`,
    );
  }
  if (isTimeout(err)) return new ServiceCallError(callee, "timeout", `${callee} did not answer within ${timeoutMs} ms`);
  const cause = err instanceof Error ? err.message : String(err);
  const failure = new ServiceCallError(callee, "unreachable", `${callee} is unreachable: ${cause}`);
  failure.cause = err;
  return failure;
}

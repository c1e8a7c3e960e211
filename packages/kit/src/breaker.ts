import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  type IPolicy,
  IsolatedCircuitError,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap,
} from "cockatiel";

/**
 * The call policy for one upstream, shared by the gateway (apps/gateway/src/upstreams.ts) and the
 * services' clients of each other (service-calls.ts): a timeout, a circuit breaker that opens
 * after consecutive failures so callers fail fast instead of piling requests onto a slow or dead
 * service, and retries only for calls that are safe to repeat. Built on cockatiel.
 */

export type BreakerState = "closed" | "open" | "half-open" | "isolated";

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "isolated",
};

export const breakerStateName = (state: CircuitState): BreakerState => STATE_NAMES[state];

export interface CallPolicyOptions {
  /** Time to an answer (for a stream: to its headers). */
  timeoutMs: number;
  /** How long an open breaker refuses before it lets one trial call through. */
  halfOpenAfterMs: number;
  /** Consecutive failures that open the breaker (default 5). */
  consecutiveFailures?: number;
  /** Extra attempts of an idempotent call after a failure (default 0); never while the breaker is open. */
  retries?: number;
  /**
   * Whether an error says something about the upstream's health (default: every error). The
   * gateway excludes a client that hung up.
   */
  isFailure?: (err: unknown) => boolean;
  /** Which failures of an idempotent call are tried again (default: all but an open breaker's refusal). */
  isRetryable?: (err: unknown) => boolean;
  /**
   * Streams must outlive the timeout once their headers came: abortOnReturn false keeps the
   * signal live after `execute` returns (the gateway). Plain calls abort it (default true).
   */
  abortOnReturn?: boolean;
}

export interface CallPolicy {
  readonly state: CircuitState;
  /** Runs one call under timeout and breaker (and retries when `idempotent`); the signal aborts on the timeout. */
  execute<T>(call: (signal: AbortSignal) => Promise<T>, opts?: { idempotent?: boolean }): Promise<T>;
  onStateChange(listener: (state: CircuitState) => void): void;
}

export function createCallPolicy(options: CallPolicyOptions): CallPolicy {
  const isFailure = options.isFailure ?? (() => true);
  const isRetryable = options.isRetryable ?? (() => true);
  const breaker = circuitBreaker(
    handleWhen((err) => isFailure(err)),
    { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.consecutiveFailures ?? 5) },
  );
  const deadline = timeout(options.timeoutMs, {
    strategy: TimeoutStrategy.Aggressive,
    abortOnReturn: options.abortOnReturn ?? true,
  });
  const once = wrap(breaker, deadline);
  // An open breaker's refusal is not retried: failing fast is its point.
  const again: IPolicy = options.retries
    ? wrap(
        retry(
          handleWhen((err) => isFailure(err) && !isCircuitOpen(err) && isRetryable(err)),
          { maxAttempts: options.retries, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }) },
        ),
        once,
      )
    : once;
  return {
    get state() {
      return breaker.state;
    },
    execute(call, opts) {
      return (opts?.idempotent ? again : once).execute(({ signal }) => call(signal));
    },
    onStateChange(listener) {
      breaker.onStateChange(listener);
    },
  };
}

export const isCircuitOpen = (err: unknown): boolean =>
  err instanceof BrokenCircuitError || err instanceof IsolatedCircuitError;
export const isTimeout = (err: unknown): boolean => err instanceof TaskCancelledError;

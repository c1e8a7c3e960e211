import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

const tracer = () => trace.getTracer("@mercato/db");

/**
 * Runs one write transaction through `queue` (the serialized writer) inside a span
 * `db.transaction`, a child of the caller's span, started when the caller asks (so its duration
 * includes the wait for the single writer, also recorded as `db.queue_wait_ms`). With tracing off
 * (no propagator installed by the kit) it is the plain call.
 */
export function tracedTransaction<T>(queue: (work: () => Promise<T>) => Promise<T>, run: () => Promise<T>): Promise<T> {
  if (propagation.fields().length === 0) return queue(run);
  const caller = context.active();
  const span = tracer().startSpan(
    "db.transaction",
    { kind: SpanKind.CLIENT, attributes: { "db.system.name": "sqlite", "db.operation.name": "transaction" } },
    caller,
  );
  const asked = performance.now();
  const ctx = trace.setSpan(caller, span);
  return queue(() => {
    span.setAttribute("db.queue_wait_ms", Math.round((performance.now() - asked) * 10) / 10);
    return context.with(ctx, run);
  }).then(
    (value) => {
      span.end();
      return value;
    },
    (err: unknown) => {
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      span.end();
      throw err;
    },
  );
}

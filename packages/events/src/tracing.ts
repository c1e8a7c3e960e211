import {
  type Context,
  context,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";

/**
 * Spans of the event bus, on the OpenTelemetry API only: the kit installs the SDK when tracing is
 * on; otherwise no propagator is installed and every function here is a pass-through.
 *
 * An event's trace context travels in its `traceparent` header: written when the event is created
 * (into the outbox row's headers, so it survives the relay and a restart), read by the consumer,
 * whose span is a child of the publishing span.
 */
const tracer = () => trace.getTracer("@mercato/events");

export function tracingOn(): boolean {
  return propagation.fields().length > 0;
}

const recordSetter = { set: (carrier: Record<string, string>, key: string, value: string) => (carrier[key] = value) };
const recordGetter = {
  get: (carrier: Record<string, string>, key: string) => carrier[key],
  keys: (carrier: Record<string, string>) => Object.keys(carrier),
};

function messagingAttributes(subject: string, eventId: string) {
  return { "messaging.system": "nats", "messaging.destination.name": subject, "messaging.message.id": eventId };
}

/**
 * A PRODUCER span for an event published now or enqueued in the outbox (`create`), ended at once;
 * its context is written into `trace` (the message's headers), so the consumer continues from it.
 */
export function producerSpan(
  operation: "create" | "publish",
  subject: string,
  eventId: string,
  trace_: Record<string, string>,
): Record<string, string> {
  if (!tracingOn()) return trace_;
  const span = tracer().startSpan(`${operation} ${subject}`, {
    kind: SpanKind.PRODUCER,
    attributes: { ...messagingAttributes(subject, eventId), "messaging.operation.type": operation },
  });
  const out = { ...trace_ };
  propagation.inject(trace.setSpan(context.active(), span), out, recordSetter);
  span.end();
  return out;
}

/** The context a message carries in its headers (ROOT when it carries none). */
export function contextOf(headers: Record<string, string>): Context {
  return propagation.extract(ROOT_CONTEXT, headers, recordGetter);
}

/**
 * Runs an event handler inside a CONSUMER span `process <subject>`, a child of the context the
 * message carries, so whatever the handler does (transactions, events it publishes) joins the trace.
 */
export async function consumerSpan<T>(
  subject: string,
  eventId: string,
  headers: Record<string, string>,
  attributes: Record<string, string | number>,
  handle: () => Promise<T>,
): Promise<T> {
  if (!tracingOn()) return handle();
  const parent = contextOf(headers);
  const span = tracer().startSpan(
    `process ${subject}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: { ...messagingAttributes(subject, eventId), "messaging.operation.type": "process", ...attributes },
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), handle);
  } catch (err) {
    failed(span, err);
    throw err;
  } finally {
    span.end();
  }
}

/**
 * The outbox relay's work runs outside the request that kicked it: a span per published batch, a
 * trace of its own linked to each event's creating span (the consumers continue from those).
 */
export async function relaySpan<T>(rows: { headers: Record<string, string> }[], publish: () => Promise<T>): Promise<T> {
  if (!tracingOn()) return publish();
  const links: Link[] = rows.flatMap((r) => {
    const sc = trace.getSpanContext(contextOf(r.headers));
    return sc && sc.traceFlags & 1 ? [{ context: sc }] : [];
  });
  // Only batches that carry a sampled event are worth a span.
  if (links.length === 0) return context.with(ROOT_CONTEXT, publish);
  const span = tracer().startSpan(
    "outbox publish",
    {
      kind: SpanKind.PRODUCER,
      links,
      attributes: { "messaging.system": "nats", "messaging.batch.message_count": rows.length },
    },
    ROOT_CONTEXT,
  );
  try {
    return await context.with(trace.setSpan(ROOT_CONTEXT, span), publish);
  } catch (err) {
    failed(span, err);
    throw err;
  } finally {
    span.end();
  }
}

/** Runs `work` with no active span (work started by a request but not part of it). */
export function detached<T>(work: () => T): T {
  return tracingOn() ? context.with(ROOT_CONTEXT, work) : work();
}

function failed(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : String(err));
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
}

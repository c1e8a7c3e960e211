import { context, isSpanContextValid, trace } from "@opentelemetry/api";
import { traceIdOf } from "../access-log.ts";
import { tracingOn } from "./provider.ts";

/**
 * The trace id an access-log line carries. When this process traces, it is the active span's
 * (the request's SERVER span): the id its exported spans carry, which at the gateway is not the
 * client's (a public client's `traceparent` is ignored there) and for a request that came without
 * one is still an id. A request the sampler dropped keeps its id too: the callees log it, so the
 * lines of one request still match across services, though no trace was exported. With tracing
 * off, the incoming `traceparent`'s id (a caller that traces), or none.
 */
export function accessTraceId(traceparent: string | null | undefined): string | undefined {
  if (tracingOn()) {
    const active = trace.getSpanContext(context.active());
    if (active && isSpanContextValid(active)) return active.traceId;
  }
  return traceIdOf(traceparent);
}

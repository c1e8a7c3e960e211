import { context, propagation, trace } from "@opentelemetry/api";
import type { TracingEnv } from "./env.ts";
import { parseOtlpHeaders } from "./env.ts";

/** What a process holds of its tracing: whether spans are exported, and how to flush them on stop. */
export interface Tracing {
  readonly enabled: boolean;
  /** Exports the spans still buffered and stops the exporter (bounded by `timeoutMs`). */
  shutdown(timeoutMs?: number): Promise<void>;
}

const OFF: Tracing = { enabled: false, shutdown: async () => undefined };
let installed: { service: string; tracing: Tracing } | undefined;

/**
 * Starts OpenTelemetry for this process when OTEL_EXPORTER_OTLP_ENDPOINT is set: a tracer provider
 * with `service.name` = `service`, the configured sampler, a batching OTLP/HTTP (JSON) exporter,
 * an AsyncLocalStorage context manager and the W3C trace-context propagator. Unset, nothing is
 * loaded: the API's no-op tracer answers every span, and nothing is propagated.
 *
 * The SDK is global (one per process): a second call with another name (several services in one
 * test process) keeps the first and says so in its `service.name`.
 */
export async function startTracing(service: string, env: TracingEnv): Promise<Tracing> {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return OFF;
  // Later callers share the first one's SDK; only its owner shuts it down.
  if (installed) return { enabled: true, shutdown: async () => undefined };
  const [sdk, { AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, { OTLPTraceExporter }, resources] =
    await Promise.all([
      import("@opentelemetry/sdk-trace"),
      import("@opentelemetry/context-async-hooks"),
      import("@opentelemetry/core"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/resources"),
    ]);
  const { ATTR_SERVICE_NAME } = await import("@opentelemetry/semantic-conventions");
  const ratio = new sdk.TraceIdRatioBasedSampler(env.OTEL_TRACES_SAMPLER_ARG);
  const samplers = {
    always_on: () => new sdk.AlwaysOnSampler(),
    always_off: () => new sdk.AlwaysOffSampler(),
    traceidratio: () => ratio,
    parentbased_always_on: () => new sdk.ParentBasedSampler({ root: new sdk.AlwaysOnSampler() }),
    parentbased_always_off: () => new sdk.ParentBasedSampler({ root: new sdk.AlwaysOffSampler() }),
    parentbased_traceidratio: () => new sdk.ParentBasedSampler({ root: ratio }),
  } as const;
  const exporter = new OTLPTraceExporter({
    url: `${endpoint.replace(/\/$/, "")}/v1/traces`,
    headers: parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS),
    timeoutMillis: 5_000,
  });
  const provider = new sdk.TracerProvider({
    resource: resources.resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    sampler: samplers[env.OTEL_TRACES_SAMPLER](),
    // A collector that is away costs a bounded buffer, never the request path.
    spanProcessors: [
      new sdk.BatchSpanProcessor({ exporter, maxQueueSize: 4096, maxExportBatchSize: 512, scheduledDelayMillis: 500 }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const tracing: Tracing = {
    enabled: true,
    async shutdown(timeoutMs = 5_000) {
      await Promise.race([provider.shutdown().catch(() => undefined), Bun.sleep(timeoutMs)]);
    },
  };
  installed = { service, tracing };
  return tracing;
}

/** Whether this process exports spans: instrumentation skips its work entirely when not. */
export function tracingOn(): boolean {
  return installed !== undefined;
}

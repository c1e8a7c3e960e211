export { parseOtlpHeaders, SAMPLERS, type TracingEnv, tracingEnvSchema, tracingEnvShape } from "./env.ts";
export { startTracing, type Tracing, tracingOn } from "./provider.ts";
export {
  type HttpTracingOptions,
  httpTracing,
  injectTraceHeaders,
  KIT_SCOPE,
  procedureSpan,
  TRACE_CONTEXT_HEADERS,
  tracedFetch,
} from "./spans.ts";
export { accessTraceId } from "./trace-id.ts";

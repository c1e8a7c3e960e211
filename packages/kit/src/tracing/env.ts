import { z } from "zod";

/** The samplers of the OpenTelemetry spec's OTEL_TRACES_SAMPLER that the kit builds. */
export const SAMPLERS = [
  "always_on",
  "always_off",
  "traceidratio",
  "parentbased_always_on",
  "parentbased_always_off",
  "parentbased_traceidratio",
] as const;

/**
 * The tracing variables, named as the OpenTelemetry spec names them. Unset
 * OTEL_EXPORTER_OTLP_ENDPOINT means tracing is off: no SDK is loaded and every span is a no-op.
 */
export const tracingEnvShape = {
  /** The collector's OTLP/HTTP base URL (`http://otel-collector:4318`); spans go to `<url>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** Headers for the collector, `key=value,key2=value2` (an API key: a secret, never logged). */
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .regex(/^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/, "key=value pairs separated by commas")
    .optional(),
  OTEL_TRACES_SAMPLER: z.enum(SAMPLERS).default("parentbased_traceidratio"),
  /** The ratio of traces kept by the ratio samplers, 0 to 1 (0.1 keeps one checkout in ten). */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
};

export const tracingEnvSchema = z.object(tracingEnvShape);
export type TracingEnv = z.infer<typeof tracingEnvSchema>;

/** `key=value,key2=value2` (values URL-encoded, as the spec says) → a header record. */
export function parseOtlpHeaders(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  return Object.fromEntries(
    raw
      .split(",")
      .map((pair) => pair.split("="))
      .filter((kv): kv is [string, ...string[]] => Boolean(kv[0]?.trim()))
      .map(([k, ...v]) => [k.trim(), decodeURIComponent(v.join("=").trim())]),
  );
}

/**
 * A local OTLP/HTTP trace receiver for tests and benchmarks: a Bun.serve on 127.0.0.1 that takes
 * what `@opentelemetry/exporter-trace-otlp-http` sends (`POST /v1/traces`, OTLP/JSON) and keeps
 * every span, flattened with its service. Protobuf bodies are refused with 415 (the kit's exporter
 * sends JSON): a test never passes on spans it could not read.
 */

/** An OTLP attribute value as the JSON encoding writes it. */
interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: KeyValue[];
  links?: { traceId: string; spanId: string }[];
  status?: { code?: number; message?: string };
}
interface ExportRequest {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[];
  }[];
}

export type AttributeValue = string | number | boolean | AttributeValue[] | undefined;

/** One received span, with the service (`service.name`) that sent it. */
export interface ReceivedSpan {
  service: string;
  /** The instrumentation scope (`@mercato/kit`, `@mercato/events`, `@mercato/db`...). */
  scope: string;
  traceId: string;
  spanId: string;
  /** Absent for a trace's root span. */
  parentSpanId: string | undefined;
  name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, AttributeValue>;
  links: { traceId: string; spanId: string }[];
  /** OTLP's status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
}

export const SPAN_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;

export interface OtlpReceiver {
  /** The base URL to give as OTEL_EXPORTER_OTLP_ENDPOINT (spans go to `<url>/v1/traces`). */
  url: string;
  /** Every span received so far, in arrival order. */
  readonly spans: readonly ReceivedSpan[];
  /** Export requests answered so far (also the ones refused). */
  readonly requests: number;
  /** The spans of one trace. */
  trace(traceId: string): ReceivedSpan[];
  /** Resolves with the spans received once `until` holds for them; rejects after `timeoutMs`. */
  waitFor(until: (spans: readonly ReceivedSpan[]) => boolean, timeoutMs?: number): Promise<readonly ReceivedSpan[]>;
  /** Forgets what was received. */
  clear(): void;
  stop(): Promise<void>;
}

function attributeValueOf(v: AnyValue | undefined): AttributeValue {
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(attributeValueOf);
  return undefined;
}

function attributesOf(list: KeyValue[] | undefined): Record<string, AttributeValue> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, attributeValueOf(kv.value)]));
}

function flatten(body: ExportRequest): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const rs of body.resourceSpans ?? []) {
    const service = String(attributesOf(rs.resource?.attributes)["service.name"] ?? "unknown");
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        out.push({
          service,
          scope: ss.scope?.name ?? "",
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId || undefined,
          name: s.name,
          kind: s.kind ?? 0,
          startNs: BigInt(s.startTimeUnixNano ?? 0),
          endNs: BigInt(s.endTimeUnixNano ?? 0),
          attributes: attributesOf(s.attributes),
          links: (s.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
          statusCode: s.status?.code ?? 0,
        });
      }
    }
  }
  return out;
}

/** Starts a receiver on a free loopback port. */
export function startOtlpReceiver(): OtlpReceiver {
  let spans: ReceivedSpan[] = [];
  let requests = 0;
  const waiters = new Set<() => void>();
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const path = new URL(req.url).pathname;
      if (req.method !== "POST" || path !== "/v1/traces") return new Response("not found", { status: 404 });
      requests++;
      const type = req.headers.get("content-type") ?? "";
      if (!type.startsWith("application/json")) {
        return new Response("this receiver reads OTLP/JSON only", { status: 415 });
      }
      let body: ExportRequest;
      try {
        body = (await req.json()) as ExportRequest;
      } catch {
        return new Response("unreadable JSON", { status: 400 });
      }
      spans = [...spans, ...flatten(body)];
      for (const wake of waiters) wake();
      return Response.json({ partialSuccess: {} });
    },
  });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    get spans() {
      return spans;
    },
    get requests() {
      return requests;
    },
    trace: (traceId) => spans.filter((s) => s.traceId === traceId),
    waitFor(until, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!until(spans)) return;
          cleanup();
          resolve(spans);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `the OTLP receiver did not get the spans awaited within ${timeoutMs} ms (${spans.length} received)`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    clear() {
      spans = [];
    },
    async stop() {
      for (const wake of waiters) wake();
      await server.stop(true);
    },
  };
}

import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type TextMapSetter,
  trace,
} from "@opentelemetry/api";
import type { Env, Context as HonoContext, MiddlewareHandler } from "hono";
import { tracingOn } from "./provider.ts";

export const KIT_SCOPE = "@mercato/kit";
const tracer = () => trace.getTracer(KIT_SCOPE);

/** W3C trace-context headers (and baggage, which nothing here reads). */
export const TRACE_CONTEXT_HEADERS = ["traceparent", "tracestate", "baggage"] as const;

const headersGetter: TextMapGetter<Headers> = {
  get: (h, key) => h.get(key) ?? undefined,
  keys: (h) => [...h.keys()],
};
const headersSetter: TextMapSetter<Headers> = { set: (h, key, value) => h.set(key, value) };

/** Writes the active span's `traceparent` into outgoing headers (nothing when tracing is off). */
export function injectTraceHeaders(headers: Headers, ctx: Context = context.active()): void {
  if (tracingOn()) propagation.inject(ctx, headers, headersSetter);
}

function endWithError(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : String(err));
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
}

export interface HttpTracingOptions<E extends Env = Env> {
  /**
   * Continue the caller's trace from its `traceparent` (a service called by the gateway or another
   * service), or start every trace here and ignore it (the gateway: a public client must not pick
   * trace ids or force sampling).
   */
  acceptIncoming: boolean;
  /** The span's name once the request is done (default: method and Hono's route). */
  nameOf?: (c: HonoContext<E>) => string;
}

/**
 * A SERVER span around every HTTP request, active while the request is handled so the spans of
 * its procedures, transactions, outgoing calls and published events are its children. Only the
 * path is recorded, never the query (tRPC GETs carry their input there) nor any header.
 */
export function httpTracing<E extends Env = Env>(opts: HttpTracingOptions<E>): MiddlewareHandler<E> {
  return async (c, next) => {
    if (!tracingOn()) return next();
    const parent = opts.acceptIncoming
      ? propagation.extract(ROOT_CONTEXT, c.req.raw.headers, headersGetter)
      : ROOT_CONTEXT;
    const method = c.req.method;
    const span = tracer().startSpan(
      method,
      {
        kind: SpanKind.SERVER,
        attributes: { "http.request.method": method, "url.path": c.req.path, "url.scheme": "http" },
      },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), next);
    } catch (err) {
      endWithError(span, err);
      throw err;
    } finally {
      const status = c.res.status;
      span.updateName(opts.nameOf ? opts.nameOf(c) : `${method} ${c.req.routePath}`);
      span.setAttribute("http.response.status_code", status);
      if (c.req.routePath) span.setAttribute("http.route", c.req.routePath);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  };
}

/** The result of a tRPC middleware's `next()`, as far as a span needs it. */
type ProcedureResult = { ok: true } | { ok: false; error: { code: string; message: string } };

/** A span named by the procedure's path around one tRPC procedure (`orders.checkout`). */
export async function procedureSpan<R extends ProcedureResult>(
  path: string,
  type: string,
  next: () => Promise<R>,
): Promise<R> {
  if (!tracingOn()) return next();
  return tracer().startActiveSpan(
    path,
    { kind: SpanKind.INTERNAL, attributes: { "rpc.system": "trpc", "rpc.method": path, "trpc.type": type } },
    async (span) => {
      try {
        const result = await next();
        if (!result.ok) {
          span.setAttribute("trpc.error_code", result.error.code);
          if (result.error.code === "INTERNAL_SERVER_ERROR") {
            span.setStatus({ code: SpanStatusCode.ERROR, message: result.error.message });
          }
        }
        return result;
      } catch (err) {
        endWithError(span, err);
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * `fetch` for calling another service: a CLIENT span per request (named by the callee and the
 * procedures of the batch), its `traceparent` in the request's headers.
 */
export function tracedFetch(callee: string, base: Fetch = (input, init) => fetch(input, init)): Fetch {
  return async (input, init) => {
    if (!tracingOn()) return base(input, init);
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    const procedures = url.pathname.replace(/^.*\/trpc\//, "");
    const span = tracer().startSpan(`${callee} ${decodeURIComponent(procedures)}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        "rpc.system": "trpc",
        "peer.service": callee,
        "server.address": url.hostname,
        "server.port": Number(url.port),
        "http.request.method": init?.method ?? "GET",
      },
    });
    const headers = new Headers(init?.headers);
    injectTraceHeaders(headers, trace.setSpan(context.active(), span));
    try {
      const res = await base(input, { ...init, headers });
      span.setAttribute("http.response.status_code", res.status);
      if (res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      return res;
    } catch (err) {
      endWithError(span, err);
      throw err;
    } finally {
      span.end();
    }
  };
}

import { injectTraceHeaders, TRACE_CONTEXT_HEADERS } from "@mercato/kit";
import { WEB_TIER_HEADERS } from "./domain/web-tier.ts";
import type { Upstream } from "./upstreams.ts";

/** Connection-level headers that describe one hop and must not be passed on (RFC 9110 §7.6.1). */
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
];

/** The path and query a request asks the service for, e.g. `/trpc/catalog.products.list?input=...`. */
export function upstreamTarget(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

export interface ForwardOptions {
  /** Path and query on the upstream (`upstreamTarget`). */
  target: string;
  requestId: string;
  clientIp: string;
  /** A body to send instead of the request's (a batch forwarded in part). */
  body?: string;
}

/**
 * Forwards one request to a service and hands back its response without buffering it, so SSE
 * subscriptions and large bodies stream through. The request body is read first (it is bounded by
 * the body limit) so the upstream timeout measures the service, not a slow client upload, and so a
 * Stripe webhook reaches payments byte for byte.
 */
export async function forward(req: Request, upstream: Upstream, opts: ForwardOptions): Promise<Response> {
  const headers = upstreamHeaders(req, opts);
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : (opts.body ?? (await req.arrayBuffer()));
  const res = await upstream.execute(
    (baseUrl, signal) =>
      fetch(`${baseUrl}${opts.target}`, {
        method: req.method,
        headers,
        body,
        redirect: "manual",
        signal,
        // Pass bytes through as they came; Bun would otherwise inflate them but keep the
        // Content-Encoding header, and the browser would inflate them a second time.
        decompress: false,
      }),
    req.signal,
  );
  const out = new Headers(res.headers);
  for (const h of HOP_BY_HOP) out.delete(h);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers: out });
}

function upstreamHeaders(req: Request, opts: ForwardOptions): Headers {
  const headers = new Headers(req.headers);
  for (const h of HOP_BY_HOP) headers.delete(h);
  headers.delete("host");
  headers.delete("content-length");
  // Internal procedures are for services only: a credential never enters from outside.
  headers.delete("x-service-token");
  // The storefront's word on the shopper's address was for the gateway only.
  for (const h of WEB_TIER_HEADERS) headers.delete(h);
  // The gateway compresses for the client (compression.ts, the cache): services send bodies as they are.
  headers.set("accept-encoding", "identity");
  // The trace starts at the gateway: a client's trace context is replaced by the gateway's span.
  for (const h of TRACE_CONTEXT_HEADERS) headers.delete(h);
  injectTraceHeaders(headers);
  headers.set("x-request-id", opts.requestId);
  const url = new URL(req.url);
  // The client as the gateway decided it, not a list anyone could have started.
  headers.set("x-forwarded-for", opts.clientIp);
  headers.set("x-forwarded-host", req.headers.get("host") ?? url.host);
  headers.set("x-forwarded-proto", url.protocol.replace(":", ""));
  return headers;
}

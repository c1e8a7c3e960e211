import type { Context } from "hono";
import type { GatewayHonoEnv, GatewayMiddleware } from "../context.ts";
import { keepInputs, keptTarget, mergeBatchAnswer } from "../domain/batch.ts";
import { trpcErrorShape } from "../errors.ts";
import { forward, upstreamTarget } from "../forward.ts";
import type { Upstreams } from "../upstreams.ts";

/**
 * Forwards the request to the service routing chose, under that service's timeout and circuit
 * breaker, streaming the answer back. A service that cannot answer throws an UpstreamError, which
 * the error handler turns into a 503/504 naming it. A batch the rate limit let through in part is
 * forwarded with the allowed calls only and answered whole, the refused calls as tRPC errors.
 */
export function proxyMiddleware(deps: { upstreams: Upstreams }): GatewayMiddleware {
  return (c) => {
    const { service } = c.var.destination;
    const upstream = deps.upstreams.get(service);
    if (!upstream) throw new Error(`proxy: no upstream for ${service}`);
    const plan = c.var.batchPlan;
    const common = { requestId: c.var.requestId, clientIp: c.var.clientIp };
    if (!plan) {
      return forward(c.req.raw, upstream, { ...common, target: upstreamTarget(c.req.url) });
    }
    return forwardInPart(c, (target, body) => forward(c.req.raw, upstream, { ...common, target, body }));
  };
}

async function forwardInPart(
  c: Context<GatewayHonoEnv>,
  send: (target: string, body: string | undefined) => Promise<Response>,
): Promise<Response> {
  const plan = c.var.batchPlan!;
  const { procedures } = c.var.destination;
  const method = c.req.method;
  const target = keptTarget(new URL(c.req.url), procedures, plan.kept, plan.inputs, method);
  const body = method === "GET" ? undefined : JSON.stringify(keepInputs(plan.inputs, plan.kept));
  const res = await send(target, body);
  const text = await res.text();
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  const merged = mergeBatchAnswer(procedures.length, plan.kept, answer, (i) => {
    const refused = plan.refused.get(i);
    const shape = trpcErrorShape(429, refused?.message ?? "Too many requests");
    // superjson's envelope, as the services' transformer writes an error.
    return { error: { json: { ...shape, data: { ...shape.data, path: procedures[i] } } } };
  });
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  headers.delete("etag");
  if (!merged) return new Response(text, { status: res.status, headers });
  headers.set("content-type", "application/json");
  headers.set("cache-control", "no-store");
  // Some calls ran and some were refused: a multi-status answer, as tRPC gives for mixed results.
  return new Response(JSON.stringify(merged), { status: 207, headers });
}

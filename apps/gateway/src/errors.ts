import type { Logger } from "@mercato/kit";
import { problem, problemResponse } from "@mercato/kit/rest-problem";
import type { Context, ErrorHandler } from "hono";
import type { GatewayHonoEnv } from "./context.ts";
import { isTrpcPath } from "./domain/routing.ts";
import { isRestPath } from "./rest/routes.ts";
import { UpstreamError } from "./upstreams.ts";

type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 413 | 429 | 500 | 503 | 504;

/** tRPC's names and JSON-RPC numbers for the statuses the gateway itself answers with. */
const TRPC_CODES: Record<ErrorStatus, [string, number]> = {
  400: ["BAD_REQUEST", -32600],
  401: ["UNAUTHORIZED", -32001],
  403: ["FORBIDDEN", -32003],
  404: ["NOT_FOUND", -32004],
  405: ["METHOD_NOT_SUPPORTED", -32005],
  413: ["PAYLOAD_TOO_LARGE", -32013],
  429: ["TOO_MANY_REQUESTS", -32029],
  500: ["INTERNAL_SERVER_ERROR", -32603],
  503: ["SERVICE_UNAVAILABLE", -32603],
  504: ["GATEWAY_TIMEOUT", -32603],
};

/**
 * A JSON error the gateway answers by itself: `{ error: { message } }`. On tRPC routes the same
 * error also carries `json`, the superjson envelope of a tRPC error shape, so a typed client (which
 * deserializes `error` with superjson) raises a TRPCClientError with this message and code instead
 * of "Unable to transform response from server". A non-array body applies to every call of a batch.
 */
export function errorResponse(
  status: ErrorStatus,
  message: string,
  opts: { trpc: boolean; headers?: Record<string, string> },
): Response {
  const error = opts.trpc
    ? { message, code: TRPC_CODES[status][0], json: trpcErrorShape(status, message) }
    : { message };
  return Response.json({ error }, { status, headers: opts.headers });
}

/**
 * A tRPC error shape as a service's formatter makes it: the code, and `data.field` / `data.reason`
 * when the message is `<field>: <reason>`.
 */
export function trpcErrorShape(status: ErrorStatus, message: string) {
  const [code, rpcCode] = TRPC_CODES[status];
  const named = message.match(/^([A-Za-z][\w.-]*): (.+)$/);
  const field = named ? { field: named[1], reason: named[2] } : {};
  return { message, code: rpcCode, data: { code, httpStatus: status, ...field } };
}

/** The gateway's own refusal of a request, shaped for tRPC when the request is a tRPC call. */
export function refuse(c: Context, status: ErrorStatus, message: string, headers?: Record<string, string>): Response {
  if (isRestPath(c.req.path)) {
    return problemResponse(problem(status, message, { instance: c.req.path, requestId: c.get("requestId") }), headers);
  }
  return errorResponse(status, message, { trpc: isTrpcPath(c.req.path), headers });
}

/**
 * The one place a thrown error becomes an answer: a service that cannot answer is a 503/504 naming
 * it, a client that hung up gets nothing worth reading (499), anything else is logged and a 500.
 */
export function gatewayErrorHandler(log: Logger): ErrorHandler<GatewayHonoEnv> {
  return (err, c) => {
    if (err instanceof UpstreamError) return refuse(c, err.status, err.message);
    if (c.req.raw.signal.aborted) return new Response(null, { status: 499 });
    log.error({ requestId: c.get("requestId"), err }, "gateway error");
    return refuse(c, 500, "Internal server error");
  };
}

/**
 * RFC 9457 problem details, the error body of every REST answer (#24): the services' (rest.ts) and
 * the gateway's own refusals alike. Pure, so the gateway imports it without trpc-to-openapi.
 */
/** Every REST path is under this prefix; a breaking change gets /api/v2 beside it. */
export const REST_PREFIX = "/api/v1";

/** The media type of an error answer (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Where the problem types are described: `type` is this plus the lower-case tRPC code. */
export const PROBLEM_TYPE_BASE = "https://mercato.dev/problems/";

/** One bad field of a problem: its dotted path and what is wrong with it. */
export interface ProblemField {
  field: string;
  reason: string;
}

/** An RFC 9457 problem, with our extension members: `code`, `field`, `errors`, `requestId`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  field?: string;
  errors?: ProblemField[];
  requestId?: string;
}

export const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  412: "Precondition failed",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

/** The problem for a status and message: the gateway's own refusals use it too. */
export function problem(
  status: number,
  detail: string,
  opts: { instance: string; code?: string; field?: string; errors?: ProblemField[]; requestId?: string },
): Problem {
  const code = opts.code ?? codeOfStatus(status);
  const named = opts.field ? null : detail.match(/^([A-Za-z][\w.-]*): (.+)$/);
  const field = opts.field ?? named?.[1];
  const errors = opts.errors ?? (field ? [{ field, reason: named?.[2] ?? detail }] : undefined);
  return {
    type: `${PROBLEM_TYPE_BASE}${code.toLowerCase().replaceAll("_", "-")}`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    instance: opts.instance,
    code,
    ...(field ? { field } : {}),
    ...(errors?.length ? { errors } : {}),
    ...(opts.requestId ? { requestId: opts.requestId } : {}),
  };
}

export function problemResponse(p: Problem, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("content-type", PROBLEM_CONTENT_TYPE);
  h.set("cache-control", "no-store");
  return new Response(JSON.stringify(p), { status: p.status, headers: h });
}

function codeOfStatus(status: number): string {
  return (TITLES[status] ?? "error").toUpperCase().replaceAll(" ", "_");
}

/** What trpc-to-openapi answers on an error: our error formatter's shape, with its code and issues. */
export interface HandlerErrorBody {
  message?: string;
  code?: string;
  data?: {
    code?: string;
    httpStatus?: number;
    field?: string;
    reason?: string;
    issues?: { path: string[]; message: string }[];
  };
}

/** The service's error shape (domain error or zod failure) as a problem naming each bad field. */
export function problemFromErrorBody(status: number, body: HandlerErrorBody, instance: string, requestId?: string) {
  const data = body.data ?? {};
  const code = data.code ?? body.code ?? codeOfStatus(status);
  const issues = data.issues?.map((i) => ({ field: i.path.length ? i.path.join(".") : "input", reason: i.message }));
  const detail =
    issues?.length && code === "BAD_REQUEST"
      ? `Invalid input: ${issues.map((i) => `${i.field}: ${i.reason}`).join("; ")}`
      : status >= 500 && status !== 503
        ? "Internal server error"
        : (body.message ?? TITLES[status] ?? "Error");
  return problem(status, detail, {
    instance,
    code,
    field: data.field,
    errors: issues ?? (data.field ? [{ field: data.field, reason: data.reason ?? detail }] : undefined),
    requestId,
  });
}

/**
 * The REST face of a service (#24): the procedures whose meta carries `openapi: { method, path }`
 * answer plain JSON at `/api/v1/<path>` too, through trpc-to-openapi, with the same context, the same
 * procedure middlewares (auth, staff permissions, domain errors) and the same zod contracts as tRPC.
 * No transformer: dates go out as ISO strings. Errors are RFC 9457 problem details naming the field.
 *
 * The OpenAPI fragment of a service (`restDocument`) is what the gateway's generator merges into the
 * one document it serves at `/api/v1/openapi.json`.
 */
import type { AnyRouter } from "@trpc/server";
import type { Context, Hono } from "hono";
import type { OpenAPIObject, OpenApiRouter } from "trpc-to-openapi";
import {
  type HandlerErrorBody,
  PROBLEM_CONTENT_TYPE,
  problem,
  problemFromErrorBody,
  problemResponse,
  REST_PREFIX,
  TITLES,
} from "./rest-problem.ts";

/**
 * trpc-to-openapi's entry loads every adapter it has (express, koa, nuxt...): seconds of start-up on
 * a loaded machine. It is loaded on the first REST call instead, once.
 */
let library: Promise<typeof import("trpc-to-openapi")> | undefined;
const openApiLibrary = () => {
  library ??= import("trpc-to-openapi");
  return library;
};

/**
 * Answers `/api/v1/*` for one service: runs the procedure the method and path name, with the
 * context tRPC would build for the same request, and turns any error into problem+json.
 */
export async function handleRest<Ctx extends object>(opts: {
  req: Request;
  router: AnyRouter;
  createContext: (o: { req: Request; resHeaders: Headers }) => Promise<Ctx>;
  requestId: string;
  onError?: (o: { error: { code: string; cause?: unknown }; path?: string }) => void;
}): Promise<Response> {
  const instance = new URL(opts.req.url).pathname;
  if (!hasJsonBodyIfAny(opts.req)) {
    return problemResponse(
      problem(415, "content-type: send the body as application/json", { instance, requestId: opts.requestId }),
    );
  }
  const resHeaders = new Headers();
  let res: Response;
  try {
    const { createOpenApiFetchHandler } = await openApiLibrary();
    res = await createOpenApiFetchHandler({
      endpoint: REST_PREFIX,
      req: withJsonTypeIfBodiless(opts.req),
      router: opts.router as OpenApiRouter,
      createContext: ({ req }: { req: Request }) => opts.createContext({ req, resHeaders }),
      onError: opts.onError as never,
    } as Parameters<typeof createOpenApiFetchHandler>[0]);
  } catch (err) {
    opts.onError?.({ error: { code: "INTERNAL_SERVER_ERROR", cause: err } });
    return problemResponse(problem(500, "Internal server error", { instance, requestId: opts.requestId }));
  }
  // Headers the procedure set (Cache-Control, ETag...) go out with its answer.
  const headers = new Headers(res.headers);
  for (const [name, value] of resHeaders) headers.set(name, value);
  if (res.status < 400) return new Response(res.body, { status: res.status, headers });
  let body: HandlerErrorBody = {};
  try {
    body = (await res.json()) as HandlerErrorBody;
  } catch {
    // An empty or non-JSON error body: the status alone says it.
  }
  const status = body.data?.httpStatus && body.data.httpStatus >= 400 ? body.data.httpStatus : res.status;
  headers.delete("content-length");
  headers.delete("etag");
  return problemResponse(problemFromErrorBody(status, body, instance, opts.requestId), headers);
}

/** A body sent with the request is JSON (an empty one is fine: the input is then absent or all in the path). */
function hasJsonBodyIfAny(req: Request): boolean {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "DELETE") return true;
  const type = req.headers.get("content-type");
  // No content-type and no body (neither a length nor chunks: RFC 9112 §6.3): an action like
  // `POST /admin/products/{id}/archive` whose input is all in the path.
  if (!type)
    return !req.body || (!req.headers.has("transfer-encoding") && (req.headers.get("content-length") ?? "0") === "0");
  return type.toLowerCase().startsWith("application/json");
}

/**
 * trpc-to-openapi refuses a POST/PUT/PATCH without a JSON content-type even when it has no body;
 * an action whose input is all in its path (`POST /admin/products/{id}/archive`) is sent bare.
 * Such a request is handed on as one whose body is the empty JSON object: its input is then the
 * path's parameters.
 */
function withJsonTypeIfBodiless(req: Request): Request {
  if (req.headers.get("content-type") || req.body) return req;
  if (req.method === "GET" || req.method === "HEAD" || req.method === "DELETE") return req;
  const headers = new Headers(req.headers);
  headers.set("content-type", "application/json");
  return new Request(req.url, { method: req.method, headers, body: "{}", signal: req.signal });
}

export { PROBLEM_CONTENT_TYPE, type Problem, problem, problemResponse, REST_PREFIX } from "./rest-problem.ts";

/** The problem schema every error response of the document points to. */
const PROBLEM_SCHEMA = {
  type: "object",
  description: "An RFC 9457 problem: what went wrong, and which input fields are at fault.",
  required: ["type", "title", "status", "detail", "instance", "code"],
  properties: {
    type: { type: "string", format: "uri" },
    title: { type: "string" },
    status: { type: "integer", minimum: 400, maximum: 599 },
    detail: { type: "string" },
    instance: { type: "string" },
    code: { type: "string", description: "The error code (BAD_REQUEST, NOT_FOUND, CONFLICT, ...)" },
    field: { type: "string", description: "The first input field at fault, dotted (`lines.0.quantity`)" },
    errors: {
      type: "array",
      items: {
        type: "object",
        required: ["field", "reason"],
        properties: { field: { type: "string" }, reason: { type: "string" } },
      },
    },
    requestId: { type: "string" },
  },
} as const;

/** The statuses an operation may answer with an error, by what it is. */
function errorStatuses(op: { security?: unknown[]; parameters?: unknown[]; requestBody?: unknown }): number[] {
  // A bearer that does not verify is a 401 wherever it is sent (the gateway's and the shopper procedures' rule).
  const statuses = [400, 401, 404, 409, 429, 503];
  if (op.security?.length) statuses.push(403);
  return statuses.sort((a, b) => a - b);
}

/**
 * The service's OpenAPI 3.1 fragment: its REST operations, each tagged with the service
 * (`x-mercato-service`) and the procedure it runs (`x-mercato-procedure`), errors as problem+json.
 */
export async function restDocument(service: string, router: AnyRouter, version = "1.0.0"): Promise<OpenAPIObject> {
  const { generateOpenApiDocument } = await openApiLibrary();
  const doc = generateOpenApiDocument(router as OpenApiRouter, {
    title: `Mercato ${service}`,
    version,
    baseUrl: REST_PREFIX,
    securitySchemes: {
      bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "identity's JWT (/api/auth/token)" },
    },
  });
  doc.components ??= {};
  const components = doc.components;
  components.schemas ??= {};
  components.schemas.Problem = PROBLEM_SCHEMA as never;
  // trpc-to-openapi names its own error shapes `error.<CODE>`; ours replace them.
  for (const name of Object.keys(components.schemas)) if (name.startsWith("error.")) delete components.schemas[name];
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item as Record<string, Record<string, unknown>>)) {
      // trpc-to-openapi's operationId is the procedure path with dots as dashes; the path starts with the namespace.
      const procedure = String(op.operationId).replaceAll("-", ".");
      op["x-mercato-service"] = service;
      op["x-mercato-procedure"] = procedure;
      op.operationId = procedure;
      const responses = op.responses as Record<string, unknown>;
      for (const status of Object.keys(responses)) if (status !== "200") delete responses[status];
      for (const status of errorStatuses(op)) {
        responses[String(status)] = {
          description: TITLES[status] ?? "Error",
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } },
        };
      }
      if (!op.security) op.security = [];
    }
  }
  return doc;
}

/** Wires `/api/v1/*` into a service's app (defineService does, for every service). */
export function mountRest<Ctx extends object>(
  app: Hono,
  router: AnyRouter,
  createContext: (c: Context, o: { req: Request; resHeaders: Headers }) => Promise<Ctx>,
  log: { error: (obj: object, msg: string) => void },
): void {
  app.all(`${REST_PREFIX}/*`, (c) =>
    handleRest({
      req: c.req.raw,
      router,
      requestId: c.get("requestId"),
      createContext: (o) => createContext(c, o),
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          log.error({ requestId: c.get("requestId"), path, err: error.cause ?? error }, "REST call failed");
        }
      },
    }),
  );
}

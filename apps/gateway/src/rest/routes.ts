import { isServiceName, type ServiceName } from "@mercato/registry";
import document from "./openapi.gen.json" with { type: "json" };

/** The REST prefix: every operation of the document is served under it (`servers[0].url`). */
export const REST_PREFIX = "/api/v1";

/** Paths the gateway answers itself under the prefix (the document), never routed to a service. */
export const REST_DOCUMENT_PATH = `${REST_PREFIX}/openapi.json`;

export interface RestRoute {
  service: ServiceName;
  /** The tRPC procedure the operation runs: the rate limits and the cache see the same name as for tRPC. */
  procedure: string;
}

interface Matcher extends RestRoute {
  method: string;
  pattern: RegExp;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** `/admin/orders/{orderId}/cancel` → a pattern whose path parameters are one segment each. */
function patternOf(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${escaped}/?$`);
}

/** The routing table, made once from the generated document (scripts/gen-openapi.ts). */
function buildTable(doc: { paths?: Record<string, Record<string, unknown>> }): Matcher[] {
  const table: Matcher[] = [];
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as { "x-mercato-service"?: string; "x-mercato-procedure"?: string } | undefined;
      if (!op) continue;
      const service = op["x-mercato-service"];
      const procedure = op["x-mercato-procedure"];
      if (!service || !isServiceName(service) || !procedure) {
        throw new Error(`openapi.gen.json: ${method.toUpperCase()} ${template} names no service or procedure`);
      }
      table.push({ method: method.toUpperCase(), pattern: patternOf(template), service, procedure });
    }
  }
  // Literal segments before parameters: `/admin/stock/{sku}/ledger` never shadows a literal path.
  return table.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
}

const TABLE = buildTable(document as { paths?: Record<string, Record<string, unknown>> });

export type RestMatch = { ok: true; route: RestRoute } | { ok: false; status: 404 | 405; message: string };

/** The operation a REST request addresses, or why none does (no path: 404; path but not method: 405). */
export function routeRest(method: string, path: string): RestMatch {
  const rest = path.slice(REST_PREFIX.length) || "/";
  const byPath = TABLE.filter((m) => m.pattern.test(rest));
  const wanted = method === "HEAD" ? "GET" : method;
  const hit = byPath.find((m) => m.method === wanted);
  if (hit) return { ok: true, route: { service: hit.service, procedure: hit.procedure } };
  if (byPath.length) {
    const allowed = [...new Set(byPath.map((m) => m.method))].join(", ");
    return { ok: false, status: 405, message: `method: ${path} answers ${allowed}, not ${method}` };
  }
  return { ok: false, status: 404, message: `path: no REST operation ${method} ${path}` };
}

export function isRestPath(path: string): boolean {
  return path === REST_PREFIX || path.startsWith(`${REST_PREFIX}/`);
}

/** The document as served: the generated one, with nothing added at run time. */
export const restDocument = document;

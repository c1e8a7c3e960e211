import type { Logger } from "pino";

/**
 * The access log: one structured line per request, shared by every service (the kit) and the
 * gateway. It names what was asked (method, path without its query, or the tRPC procedures), the
 * answer (status, duration), the request and trace ids and the client's address, and never a
 * token, a cookie, a body or an email address: the query string is dropped whole (tokens ride there:
 * `?token=`, `?input=` with an email), emails left in a path become `[email]`, and a path segment that
 * looks like a secret (long, opaque) becomes `[redacted]`.
 *
 * 4xx and 5xx answers are always logged; the rest are sampled at `sample2xx` (ACCESS_LOG_SAMPLE_2XX,
 * 0..1), so a busy platform can keep a fraction of its successful requests.
 */
export interface AccessLogEntry {
  method: string;
  /** The request's URL path (the query is never read). */
  path: string;
  /** tRPC procedures the request called, when it was a tRPC call. */
  procedures?: readonly string[];
  status: number;
  durationMs: number;
  requestId?: string;
  /** The W3C trace id: the active span's when tracing is on, else the incoming traceparent's (accessTraceId). */
  traceId?: string;
  client?: string | null;
}

const EMAIL = /[^\s/@?#&=]+@[^\s/@?#&=]+\.[^\s/@?#&=]+/g;
const EMAIL_ENCODED = /[^\s/@?#&=%]+(?:%40)[^\s/@?#&=]+/gi;
/** A UUID (order and event ids): readable, not a secret. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** A long run of base64url / hex without a UUID's shape: a token, a signed link, a key. */
const OPAQUE = /^[A-Za-z0-9_.~-]{24,}$/;
const MAX_PATH = 200;
const MAX_PROCEDURES = 20;

/** The path as it may be logged: no query, no emails, no token-like segments, bounded. */
export function redactPath(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? "";
  const segments = bare.split("/").map((segment) => {
    const noEmail = segment.replace(EMAIL_ENCODED, "[email]").replace(EMAIL, "[email]");
    if (noEmail !== segment) return noEmail;
    if (OPAQUE.test(segment) && !UUID.test(segment)) return "[redacted]";
    return segment;
  });
  const out = segments.join("/");
  return out.length > MAX_PATH ? `${out.slice(0, MAX_PATH)}…` : out;
}

/** tRPC procedure names of a `/trpc/a.b,c.d` path (what the request called; never its input). */
export function trpcProcedures(path: string): string[] | undefined {
  const match = /^\/trpc\/([^?#]*)/.exec(path);
  if (!match?.[1]) return undefined;
  return decodeURIComponent(match[1])
    .split(",")
    .filter(Boolean)
    .slice(0, MAX_PROCEDURES)
    .map((p) => redactPath(p).slice(0, 100));
}

/** The trace id of a W3C `traceparent` header (`00-<trace id>-<span id>-<flags>`), if well formed. */
export function traceIdOf(traceparent: string | null | undefined): string | undefined {
  if (!traceparent) return undefined;
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent.trim());
  return match?.[1] && !/^0+$/.test(match[1]) ? match[1] : undefined;
}

/** Whether this answer is logged: always for 4xx/5xx, `sample2xx` of the others. */
export function shouldLogAccess(status: number, sample2xx: number, random: () => number = Math.random): boolean {
  if (status >= 400) return true;
  if (sample2xx >= 1) return true;
  if (sample2xx <= 0) return false;
  return random() < sample2xx;
}

export interface AccessLog {
  /** Logs the entry when sampling says so. */
  write(entry: AccessLogEntry): void;
}

/** An access log writing through `log` (pino: JSON lines), at info for < 500 and warn for 5xx. */
export function createAccessLog(log: Logger, sample2xx: number): AccessLog {
  const access = log.child({ component: "access" });
  return {
    write(entry) {
      if (!shouldLogAccess(entry.status, sample2xx)) return;
      const procedures = entry.procedures
        ? entry.procedures.slice(0, MAX_PROCEDURES).map((p) => redactPath(p).slice(0, 100))
        : trpcProcedures(entry.path);
      const line = {
        method: entry.method,
        ...(procedures?.length ? { procedure: procedures.join(",") } : { path: redactPath(entry.path) }),
        status: entry.status,
        durationMs: Math.round(entry.durationMs * 10) / 10,
        requestId: entry.requestId,
        traceId: entry.traceId,
        client: entry.client ?? undefined,
      };
      if (entry.status >= 500) access.warn(line, "request");
      else access.info(line, "request");
    },
  };
}

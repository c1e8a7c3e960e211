/**
 * Reading a failed platform call, for the shop and the admin alike. A service's refusal carries the
 * input field it is about and the reason in `data` (`data.field`, `data.reason`: the kit's domain
 * errors), and an input that fails its schema lists every issue in `data.issues`; so the web reads
 * those instead of taking the message apart. Errors without data (the platform unreachable,
 * better-auth's HTTP answers) only have their message, which is shown as it is.
 */

/** What the web reads from a tRPC error's `data`; anything else there is ignored. */
export interface ErrorData {
  /** The tRPC code: NOT_FOUND, CONFLICT, BAD_REQUEST... */
  code?: string;
  /** The input field a refusal is about, as a path (`code`, `shippingAddress.postalCode`). */
  field?: string;
  /** What is wrong with that field, without the field's name. */
  reason?: string;
  /** Every failing field of a schema failure. */
  issues?: { path: string[]; message: string }[];
}

function isIssue(value: unknown): value is { path: string[]; message: string } {
  if (typeof value !== "object" || value === null) return false;
  const { path, message } = value as { path?: unknown; message?: unknown };
  return Array.isArray(path) && path.every((p) => typeof p === "string") && typeof message === "string";
}

/** The error's data, checked field by field (it came over the wire); empty when there is none. */
export function errorData(err: unknown): ErrorData {
  if (typeof err !== "object" || err === null || !("data" in err)) return {};
  const data = (err as { data?: unknown }).data;
  if (typeof data !== "object" || data === null) return {};
  const { code, field, reason, issues } = data as Record<string, unknown>;
  return {
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof field === "string" ? { field } : {}),
    ...(typeof reason === "string" ? { reason } : {}),
    ...(Array.isArray(issues) ? { issues: issues.filter(isIssue) } : {}),
  };
}

/** The tRPC error code of a failure, when there is one. */
export function errorCode(err: unknown): string | undefined {
  return errorData(err).code;
}

/**
 * The reason for each field a failure names, keyed by the field's path: every issue of a schema
 * failure (the first one per field), or the one field of a refusal. Empty when it names none.
 */
export function fieldErrors(err: unknown): Record<string, string> {
  const { field, reason, issues } = errorData(err);
  const named: [string, string][] = issues?.length
    ? issues.map((issue) => [issue.path.join(".") || "input", issue.message])
    : field && reason
      ? [[field, reason]]
      : [];
  const fields: Record<string, string> = {};
  for (const [path, message] of named) fields[path] ??= message;
  return fields;
}

/** The fields under one part of the input, named relative to it: `shippingAddress.city` → `city`. */
export function fieldsUnder(fields: Record<string, string>, prefix: string): Record<string, string> {
  const start = `${prefix}.`;
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([path]) => path.startsWith(start))
      .map(([path, message]) => [path.slice(start.length), message]),
  );
}

/**
 * True when the call got no answer at all. fetch then rejects with a TypeError, worded differently
 * by every browser and runtime; the typed client keeps that TypeError as its error's cause.
 */
export function isNetworkFailure(err: unknown): boolean {
  if (!(err instanceof Error) || errorData(err).code) return false;
  return err.cause instanceof TypeError || /fetch failed|Failed to fetch|NetworkError|Load failed/i.test(err.message);
}

/**
 * Text as one sentence for a person: trimmed, a leading `field: ` or `Invalid input: ` prefix
 * (the services' developer form, `paymentId: …`) dropped, the first letter capitalised, and
 * exactly one closing full stop (none added after `?` or `!`; `..` never). Empty text stays empty.
 */
export function sentence(text: string): string {
  let s = text.trim().replace(/^Invalid input:\s*/i, "");
  // `paymentId: …`, `card.number: …`, `shippingAddress.postalCode: …` — a field path, then a colon.
  s = s.replace(/^[A-Za-z][\w]*(?:\.[\w]+)*:\s+/, "");
  s = s.replace(/[\s.]+$/, "");
  if (!s) return "";
  s = s.charAt(0).toUpperCase() + s.slice(1);
  return /[?!]$/.test(s) ? s : `${s}.`;
}

/**
 * A failed admin call split for a form: messages for the fields they name, and the rest for the
 * form as a whole. Services name the field either in `data.issues` (zod input failures) or at the
 * start of the message (`code: "SAVE5" already exists`), so both are read.
 */
export interface FormErrors {
  form: string | null;
  fields: Record<string, string>;
}

interface ErrorData {
  code?: unknown;
  issues?: { path: string[]; message: string }[];
}

function dataOf(err: unknown): ErrorData | null {
  if (typeof err !== "object" || err === null || !("data" in err)) return null;
  const data = (err as { data?: unknown }).data;
  return typeof data === "object" && data !== null ? (data as ErrorData) : null;
}

/** The tRPC error code (FORBIDDEN, CONFLICT...), when there is one. */
export function errorCode(err: unknown): string | undefined {
  const code = dataOf(err)?.code;
  return typeof code === "string" ? code : undefined;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) {
    if (/fetch failed|Failed to fetch|NetworkError/i.test(err.message)) return "The platform could not be reached.";
    return err.message;
  }
  return "Something went wrong.";
}

const FIELD_PREFIX = /^([A-Za-z][\w.]*): (.+)$/;

export function formErrors(err: unknown): FormErrors {
  const issues = dataOf(err)?.issues;
  if (Array.isArray(issues) && issues.length > 0) {
    const fields: Record<string, string> = {};
    for (const issue of issues) {
      const key = issue.path.join(".") || "input";
      fields[key] ??= issue.message;
    }
    return { form: errorMessage(err), fields };
  }
  const message = errorMessage(err);
  const named = FIELD_PREFIX.exec(message);
  if (named?.[1] && named[2]) return { form: null, fields: { [named[1]]: named[2] } };
  return { form: message, fields: {} };
}

export const noErrors: FormErrors = { form: null, fields: {} };

/** Emails are compared and stored trimmed and lower-cased, so " Ann@X.com" and "ann@x.com" are one account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL_IN_TEXT = /[^\s@"'<>(),;:[\]]+@[^\s@"'<>(),;:[\]]+/g;

/** Text for a log line with every email address in it replaced (`a***@example.com` keeps the domain only). */
export function redactEmails(text: string): string {
  return text.replace(EMAIL_IN_TEXT, (email) => `***@${email.split("@")[1] ?? "***"}`);
}

/** Any value for a log line, with emails redacted in every string inside it. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactEmails(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return redactEmails(`${value.name}: ${value.message}`);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]));
}

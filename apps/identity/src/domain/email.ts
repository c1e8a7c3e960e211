/** Emails are compared and stored trimmed and lower-cased, so " Ann@X.com" and "ann@x.com" are one account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

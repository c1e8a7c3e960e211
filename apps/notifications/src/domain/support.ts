/**
 * The support chat's pure rules (#22): what a message body may hold, and when a shopper is "away"
 * for the answer email.
 */

/** Control characters other than tab and newline: stripped (they have no place in a chat line). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * The stored text of a message: control characters removed, CRLF as LF, trimmed. It stays plain
 * text — markup is kept as the characters typed and the web renders it as text, never as HTML.
 */
export function plainText(body: string): string {
  return body.replace(/\r\n?/g, "\n").replace(CONTROL, "").trim();
}

/** The first line of a message, bounded, for the inbox and the email. */
export function previewOf(body: string, max = 140): string {
  const line = body.split("\n").find((l) => l.trim().length > 0) ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The away email is due when staff answered and the shopper has not seen the conversation since. */
export function awayEmailDue(
  c: { awayEmailDueAt: Date | null; shopperSeenAt: Date | null; lastStaffAnswerAt: Date | null },
  now: Date,
): boolean {
  if (!c.awayEmailDueAt || c.awayEmailDueAt > now || !c.lastStaffAnswerAt) return false;
  return !c.shopperSeenAt || c.shopperSeenAt < c.lastStaffAnswerAt;
}

/** The fixed-window rate-limit key of one author: `support:rate:<userId>:<window number>`. */
export function rateKey(userId: string, now: Date, windowSeconds: number): string {
  return `support:rate:${userId}:${Math.floor(now.getTime() / (windowSeconds * 1000))}`;
}

/**
 * One-time links (password reset, email verification) are credentials: whoever holds one acts as
 * the recipient. The mailbox (admins read it, and /dev/mailbox in development) stores the bodies
 * with the link replaced by this text; the real link is put back only in what the transport sends.
 */
export const REDACTED_LINK = "[link sent to the recipient]";

/** How React writes a string into HTML text and attributes. */
function escapeHtml(s: string): string {
  return s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#x27;");
}

export interface Bodies {
  html: string;
  text: string;
}

/** The bodies with every occurrence of `link` (raw or HTML-escaped) replaced by REDACTED_LINK. */
export function redactLink(bodies: Bodies, link: string): Bodies {
  return {
    html: bodies.html.replaceAll(escapeHtml(link), REDACTED_LINK).replaceAll(link, REDACTED_LINK),
    text: bodies.text.replaceAll(link, REDACTED_LINK),
  };
}

/** The bodies as the recipient gets them: REDACTED_LINK replaced by the real link again. */
export function restoreLink(bodies: Bodies, link: string): Bodies {
  return {
    html: bodies.html.replaceAll(REDACTED_LINK, escapeHtml(link)),
    text: bodies.text.replaceAll(REDACTED_LINK, link),
  };
}

/** Where to go after signing in when `next` is missing or points anywhere but this site. */
export const DEFAULT_NEXT = "/account";

const ORIGIN = "https://mercato.invalid";

/**
 * `next` comes from the URL, so anyone can write a link with it: only a path on this site passes.
 * Refused: absolute URLs, scheme-relative `//host`, `/\host` (browsers read a backslash as a
 * slash, so `?next=/%5Cevil.example` would leave the site), control characters and whitespace
 * (`/\t/host`), and anything that resolves to another origin. The path is given back normalised.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || next.length > 2048) return DEFAULT_NEXT;
  if (!next.startsWith("/") || next.startsWith("//")) return DEFAULT_NEXT;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u0020\u007f]/.test(next)) return DEFAULT_NEXT;
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return DEFAULT_NEXT;
  }
  if (url.origin !== ORIGIN) return DEFAULT_NEXT;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? DEFAULT_NEXT : path;
}

/** The content codings the gateway writes; `identity` is the body as the service sent it. */
export type ContentCoding = "br" | "gzip";
export type ChosenCoding = ContentCoding | "identity";

/** Ties go to the first: brotli packs JSON tighter than gzip at a similar cost. */
const PREFERENCE: readonly ChosenCoding[] = ["br", "gzip", "identity"];

/**
 * The coding to answer with, from the client's Accept-Encoding (RFC 9110 §12.5.3): the one with
 * the highest q-value, `*` standing for any coding not named, `q=0` refusing one. No header means
 * identity. Identity is the answer when nothing else is acceptable, even if refused: a body the
 * client did not ask to be spared beats a 406 for a JSON read.
 */
export function negotiateCoding(acceptEncoding: string | null): ChosenCoding {
  if (!acceptEncoding) return "identity";
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [rawName, ...params] = part.split(";");
    const name = rawName?.trim().toLowerCase();
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split("=", 2).map((s) => s.trim());
      if (key?.toLowerCase() === "q") q = clampQ(Number(value));
    }
    weights.set(name, q);
  }
  const star = weights.get("*");
  const weightOf = (coding: ChosenCoding): number => {
    const named = weights.get(coding);
    if (named !== undefined) return named;
    // Identity is acceptable unless refused by name or by `*;q=0` (§12.5.3).
    if (coding === "identity") return star === 0 ? 0 : 0.001;
    return star ?? 0;
  };
  let best: ChosenCoding = "identity";
  let bestQ = 0;
  for (const coding of PREFERENCE) {
    const q = weightOf(coding);
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  return best;
}

function clampQ(q: number): number {
  return Number.isFinite(q) ? Math.min(1, Math.max(0, q)) : 0;
}

/**
 * Types worth compressing: text the gateway answers (JSON, HTML, JS, CSS, XML, SVG). Event streams
 * are text too but are never buffered, and images, fonts and archives are compressed already.
 */
export function isCompressibleType(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(";", 1)[0]!.trim().toLowerCase();
  if (type === "text/event-stream") return false;
  if (type.startsWith("text/")) return true;
  if (type === "application/json" || type.endsWith("+json") || type === "application/jsonl") return true;
  if (type === "application/javascript" || type === "application/xml" || type.endsWith("+xml")) return true;
  return false;
}

/** Adds `Accept-Encoding` to a response's Vary, keeping what is there (`Origin` from CORS). */
export function varyOnAcceptEncoding(headers: Headers): void {
  const current = headers.get("vary");
  if (!current) {
    headers.set("vary", "Accept-Encoding");
    return;
  }
  const names = current.split(",").map((s) => s.trim().toLowerCase());
  if (names.includes("*") || names.includes("accept-encoding")) return;
  headers.set("vary", `${current}, Accept-Encoding`);
}

/**
 * The tag of a coded body: a strong tag names exact bytes, so each coding gets its own (`"x-br"`);
 * a weak tag (`W/"x"`) already allows any coding of the same content and is kept.
 */
export function etagForCoding(etag: string, coding: ChosenCoding): string {
  if (coding === "identity" || etag.startsWith("W/")) return etag;
  return etag.endsWith('"') ? `${etag.slice(0, -1)}-${coding}"` : `${etag}-${coding}`;
}

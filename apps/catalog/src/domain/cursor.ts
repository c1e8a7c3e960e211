/**
 * Opaque keyset cursors: the sort they belong to, the last row's sort key and id. Encoded as
 * base64url JSON with Web APIs only, so the same code runs in Bun and in the edge worker.
 */
export interface Cursor {
  sort: string;
  key: number;
  id: string;
}

export class MalformedCursorError extends Error {
  override name = "MalformedCursorError";
}

export function encodeCursor(cursor: Cursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify([cursor.sort, cursor.key, cursor.id]));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeCursor(raw: string): Cursor {
  try {
    const binary = atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    const parsed: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    if (!Array.isArray(parsed) || parsed.length !== 3) throw new MalformedCursorError("not a cursor");
    const [sort, key, id] = parsed;
    if (typeof sort !== "string" || typeof key !== "number" || !Number.isFinite(key) || typeof id !== "string") {
      throw new MalformedCursorError("not a cursor");
    }
    return { sort, key, id };
  } catch {
    throw new MalformedCursorError("not a cursor");
  }
}

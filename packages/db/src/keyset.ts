import { and, eq, gt, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/**
 * Keyset paging, the one way every list in Mercato pages: a page is read ordered by (sort key, id)
 * with `limit + 1` rows, and the cursor is the last row's key. Unlike offsets it is stable while
 * rows are being added. The codec uses Web APIs only, so it runs in Bun and in the edge worker.
 */

/** A cursor's parts: the sort key(s), then the id that breaks ties. */
export type CursorKey = readonly (string | number)[];

/** A cursor that is not one of ours, or belongs to another listing; the kit answers 400 `cursor`. */
export class MalformedCursorError extends Error {
  override name = "MalformedCursorError";
  readonly field = "cursor";
  constructor(reason = "malformed cursor; start again without it") {
    super(reason);
  }
}

export function encodeCursor(key: CursorKey): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

type Kinds = readonly ("string" | "number")[];
type KeyOf<K extends Kinds> = { [I in keyof K]: K[I] extends "number" ? number : string };

/** Reads a cursor whose parts have the given kinds, e.g. `decodeCursor(raw, ["number", "string"])`. */
export function decodeCursor<const K extends Kinds>(raw: string, kinds: K): KeyOf<K> {
  let parsed: unknown;
  try {
    const binary = atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new MalformedCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== kinds.length) throw new MalformedCursorError();
  kinds.forEach((kind, i) => {
    const part: unknown = parsed[i];
    const ok = kind === "number" ? typeof part === "number" && Number.isFinite(part) : typeof part === "string";
    if (!ok) throw new MalformedCursorError();
  });
  return parsed as KeyOf<K>;
}

/**
 * The rows after a cursor, for an order by (`sortColumn`, `idColumn`) in `direction`:
 * `sort < key OR (sort = key AND id < lastId)` for newest-first lists, the mirror for ascending.
 */
export function afterCursor(
  sortColumn: SQLiteColumn,
  idColumn: SQLiteColumn,
  key: readonly [unknown, unknown],
  direction: "asc" | "desc",
): SQL | undefined {
  const beyond = direction === "desc" ? lt : gt;
  return or(beyond(sortColumn, key[0]), and(eq(sortColumn, key[0]), beyond(idColumn, key[1])));
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Turns `limit + 1` fetched rows into a page: the extra row only says that another page exists. */
export function keysetPage<T>(rows: readonly T[], limit: number, keyOf: (last: T) => CursorKey): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

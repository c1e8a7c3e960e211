import { type CursorKey, decodeCursor, MalformedCursorError } from "@mercato/db/keyset";
import type { Sort } from "../contract.ts";

/**
 * A listing's cursor: the sort it belongs to, then the last row's sort key and id. A page of one
 * sort continued with another would skip or repeat products, so the sort travels with the key.
 */
export interface ListingCursor {
  sort: Sort;
  key: number;
  id: string;
}

/** The keyset cursor key of a listing's last row (what `keysetPage` encodes). */
export function listingCursorKey(cursor: ListingCursor): CursorKey {
  return [cursor.sort, cursor.key, cursor.id];
}

/** Reads a cursor of a listing walked in `sort`; one from another sort is refused like a malformed one. */
export function decodeListingCursor(raw: string, sort: Sort): ListingCursor {
  const [from, key, id] = decodeCursor(raw, ["string", "number", "string"]);
  if (from !== sort) throw new MalformedCursorError("from a listing with another sort; start again without it");
  return { sort, key, id };
}

export { type AnyDatabase, type AnyTx, createDatabase, type Database, type Tx } from "./database.ts";
export {
  afterCursor,
  type CursorKey,
  decodeCursor,
  encodeCursor,
  keysetPage,
  MalformedCursorError,
  type Page,
} from "./keyset.ts";
export { type PreparedSql, prepareSql, prepareUpsert } from "./prepared.ts";
export { fileUrlFor } from "./url.ts";

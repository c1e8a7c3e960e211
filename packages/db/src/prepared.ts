import { fillPlaceholders, getTableColumns, Param, type Query, SQL, StringChunk, sql } from "drizzle-orm";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";

/** Builds SQL text only: it has no connection (statements run on a real one through `bind`). */
const builder: LibSQLDatabase = drizzle.mock();

/**
 * A statement drizzle builds once, run many times in any transaction or on the readers.
 *
 * Drizzle builds a query's SQL text anew on every call (walking the builder, escaping every
 * table and column name): profiles of the checkout put that at 15–25 % of a service's CPU, for
 * statements whose text never changes. Drizzle's own `.prepare()` binds a statement to the
 * connection it was built on, so it cannot run inside another transaction (every write here runs
 * in `db.write`'s transaction). This keeps drizzle's text and its column encoders (a Date into a
 * `timestamp_ms` column) and only fills in the values per call; the libSQL driver then reuses its
 * own prepared statement for that text (statement-cache.ts).
 *
 * Build with `sql.placeholder("name")` where the values go, e.g.
 * `prepareSql<{ id: string }>((q) => q.select({ n: t.n }).from(t).where(eq(t.id, sql.placeholder("id"))))`,
 * then run `tx.all<Row>(statement.bind({ id }))` (rows come back keyed by their SQL column names,
 * as the driver returns them: map them yourself) or `tx.run(statement.bind(...))`.
 */
export interface PreparedSql<V extends Record<string, unknown>> {
  /** The SQL text, with `?` where each value goes. */
  readonly text: string;
  bind(values: V): SQL;
}

export function prepareSql<V extends Record<string, unknown>>(
  build: (q: LibSQLDatabase) => { toSQL(): Query },
): PreparedSql<V> {
  const { sql: text, params } = build(builder).toSQL();
  const pieces = text.split("?");
  // Our statements carry every value as a parameter, never a literal with a `?` in it.
  if (pieces.length !== params.length + 1) {
    throw new Error(`prepareSql: ${params.length} parameters but ${pieces.length - 1} "?" in: ${text}`);
  }
  const strings = pieces.map((piece) => new StringChunk(piece));
  return {
    text,
    bind(values) {
      const args = fillPlaceholders(params, values);
      const chunks: (StringChunk | Param)[] = [strings[0] as StringChunk];
      for (let i = 0; i < args.length; i++) chunks.push(new Param(args[i]), strings[i + 1] as StringChunk);
      return new SQL(chunks);
    },
  };
}

/**
 * An insert-or-update of whole rows into `table` on `target`, with its statement built once per
 * set of columns given (the first row with those columns builds it). On conflict every given
 * column but the target takes the new row's value (`excluded`), as
 * `insert(table).values(row).onConflictDoUpdate({ target, set: rest of row })` does; columns not
 * given keep their default on insert and their value on update. Run with `tx.run(upsert(row))`.
 */
export function prepareUpsert<T extends SQLiteTable>(table: T, target: SQLiteColumn): (row: T["$inferInsert"]) => SQL {
  const columns: Record<string, SQLiteColumn> = getTableColumns(table);
  const byColumns = new Map<string, PreparedSql<Record<string, unknown>>>();
  return (row) => {
    const values = row as Record<string, unknown>;
    const keys = Object.keys(values).filter((k) => values[k] !== undefined);
    const signature = keys.join(",");
    let statement = byColumns.get(signature);
    if (!statement) {
      const set = Object.fromEntries(
        keys
          .filter((k) => columns[k] !== target)
          .map((k) => [k, sql`excluded.${sql.identifier((columns[k] as SQLiteColumn).name)}`]),
      );
      const placeholders = Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)]));
      statement = prepareSql((q) =>
        q
          .insert(table)
          .values(placeholders as T["$inferInsert"])
          .onConflictDoUpdate({ target, set: set as never }),
      );
      byColumns.set(signature, statement);
    }
    return statement.bind(values);
  };
}

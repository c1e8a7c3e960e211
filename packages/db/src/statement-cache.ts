import Database from "libsql";

/**
 * A prepared-statement cache for local libSQL files.
 *
 * `@libsql/client` prepares every statement anew and asks it twice for its column metadata on
 * every query; profiles of the checkout put that at a fifth of a service's CPU. SQLite statements
 * are made to be reused, and the client runs each one synchronously to completion (bind, step
 * every row, reset) before anything else can touch the connection, so a statement kept per
 * connection and per SQL text is safe to hand out again. SQLite re-prepares a kept statement by
 * itself when the schema changes.
 *
 * Installed once, process-wide, by `createDatabase` for `file:` URLs (remote URLs do not use
 * this driver). `@libsql/client` and this module load the same `libsql` package (one version in
 * the workspace catalog), so the patched prototype is the one the client uses.
 */

/** Statements kept per connection; the least recently used goes first. */
const MAX_STATEMENTS_PER_CONNECTION = 256;

type Connection = Database.Database;
type Statement = Database.Statement;

let installed = false;

export function installStatementCache(): void {
  if (installed) return;
  installed = true;
  const cacheOf = new WeakMap<Connection, Map<string, Statement>>();
  const prepare = Database.prototype.prepare;

  // The generic signature of `prepare` is only about bind parameter types; ours passes them on.
  Database.prototype.prepare = function cachedPrepare(this: Connection, sql: string): Statement {
    let cache = cacheOf.get(this);
    if (!cache) {
      cache = new Map();
      cacheOf.set(this, cache);
    }
    const kept = cache.get(sql);
    if (kept) {
      // Most recently used last, so the first key is the one to drop.
      cache.delete(sql);
      cache.set(sql, kept);
      // Modes are per statement: hand it out as a fresh one would be.
      kept.pluck(false);
      return kept;
    }
    const statement: Statement = prepare.call(this, sql);
    // The result columns of a statement are fixed by its text (our SQL never selects `*`).
    let columns: Database.ColumnDefinition[] | undefined;
    const readColumns = statement.columns.bind(statement);
    statement.columns = () => {
      columns ??= readColumns();
      return columns;
    };
    if (cache.size >= MAX_STATEMENTS_PER_CONNECTION) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(sql, statement);
    return statement;
  } as Connection["prepare"];
}

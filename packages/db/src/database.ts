import { type Client, createClient } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";

// biome-ignore lint/suspicious/noExplicitAny: drizzle's own default for an untyped schema
type AnySchema = Record<string, any>;

export type Tx<S extends AnySchema = AnySchema> = Parameters<Parameters<LibSQLDatabase<S>["transaction"]>[0]>[0];

/** Any service's database, for code shared by every service (outbox, inbox). */
// biome-ignore lint/suspicious/noExplicitAny: variance of drizzle's schema generic
export type AnyDatabase = Database<any>;
// biome-ignore lint/suspicious/noExplicitAny: variance of drizzle's schema generic
export type AnyTx = Tx<any>;

export interface Database<S extends AnySchema = AnySchema> {
  /** Drizzle over libSQL, for reads. Writes go through `write` so they never collide. */
  readonly orm: LibSQLDatabase<S>;
  readonly client: Client;
  /**
   * Runs `fn` in one IMMEDIATE transaction. SQLite has a single writer, and the libSQL client
   * opens a new connection per transaction with no busy timeout, so two concurrent writers in
   * one process would fail with SQLITE_BUSY; an in-process queue makes them wait their turn.
   */
  write<T>(fn: (tx: Tx<S>) => Promise<T>): Promise<T>;
  migrate(migrationsFolder: string): Promise<void>;
  /** Answers when the database can be queried (for `/ready`). */
  ping(): Promise<void>;
  close(): void;
}

export function createDatabase<S extends AnySchema>(url: string, schema: S, authToken?: string): Database<S> {
  const client = createClient({ url, authToken });
  const orm = drizzle(client, { schema });
  let queue: Promise<unknown> = Promise.resolve();
  const isLocalFile = url.startsWith("file:");
  let pragmasApplied: Promise<void> | undefined;
  const applyPragmas = () => {
    // WAL lets readers run beside the writer; it is stored in the file, so once is enough.
    pragmasApplied ??= isLocalFile
      ? client.execute("PRAGMA journal_mode=WAL").then(() => undefined)
      : Promise.resolve();
    return pragmasApplied;
  };

  return {
    orm,
    client,
    async write(fn) {
      await applyPragmas();
      const run = queue.then(() => orm.transaction(fn, { behavior: "immediate" }));
      queue = run.catch(() => undefined);
      return run;
    },
    async migrate(migrationsFolder) {
      await applyPragmas();
      const run = queue.then(() => migrate(orm, { migrationsFolder }));
      queue = run.catch(() => undefined);
      await run;
    },
    async ping() {
      await client.execute("SELECT 1");
    },
    close() {
      client.close();
    },
  };
}

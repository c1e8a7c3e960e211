import { type Client, createClient } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { installStatementCache } from "./statement-cache.ts";
import { tracedTransaction } from "./tracing.ts";

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
   * Runs `fn` in one IMMEDIATE transaction. SQLite has a single writer: an in-process queue makes
   * this process's writers take turns on one connection instead of contending for the lock.
   */
  write<T>(fn: (tx: Tx<S>) => Promise<T>): Promise<T>;
  migrate(migrationsFolder: string): Promise<void>;
  /** Answers when the database can be queried (for `/ready`). */
  ping(): Promise<void>;
  close(): void;
}

export interface DatabaseOptions {
  authToken?: string;
  /**
   * SQLite's `synchronous` for local files. "normal" (the default) in WAL mode survives any crash
   * of the process (kill -9) and keeps the file consistent on power loss, where the last commits
   * before the cut may be lost; "full" also syncs every commit to disk, at about 50x the cost per
   * write transaction on this kind of machine.
   */
  synchronous?: "normal" | "full";
}

export function createDatabase<S extends AnySchema>(url: string, schema: S, opts: DatabaseOptions = {}): Database<S> {
  const isLocalFile = url.startsWith("file:");
  if (isLocalFile) installStatementCache();
  // Readers use a pool of connections; all writes go through one connection of their own, held
  // by one transaction at a time, so its per-connection settings hold for every write.
  const client = createClient({ url, authToken: opts.authToken, timeout: 5_000 });
  const writer = isLocalFile ? createClient({ url, concurrency: 1, timeout: 5_000 }) : client;
  const orm = drizzle(client, { schema });
  const writeOrm = isLocalFile ? drizzle(writer, { schema }) : orm;
  let queue: Promise<unknown> = Promise.resolve();
  let prepared: Promise<void> | undefined;
  const prepare = () => {
    prepared ??= isLocalFile
      ? (async () => {
          // WAL lets readers run beside the writer; it is stored in the file.
          await writer.execute("PRAGMA journal_mode=WAL");
          await writer.execute(`PRAGMA synchronous=${opts.synchronous === "full" ? "FULL" : "NORMAL"}`);
        })()
      : Promise.resolve();
    return prepared;
  };
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(prepare).then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    orm,
    client,
    // One span per transaction (not per statement), with how long it waited for its turn.
    write: (fn) =>
      tracedTransaction(
        (work) => serialized(work),
        () => writeOrm.transaction(fn, { behavior: "immediate" }),
      ),
    migrate: (migrationsFolder) => serialized(() => migrate(writeOrm, { migrationsFolder })),
    async ping() {
      await client.execute("SELECT 1");
    },
    close() {
      client.close();
      if (writer !== client) writer.close();
    },
  };
}

import type { Database } from "@mercato/db";

// biome-ignore lint/suspicious/noExplicitAny: mirrors drizzle's schema record
type AnySchema = Record<string, any>;
type Orm<S extends AnySchema> = Database<S>["orm"];

const WRITES = new Set(["insert", "update", "delete"]);

/**
 * The drizzle handle given to better-auth. Its reads go straight to the database (WAL lets them run
 * beside the writer), but its inserts, updates, deletes and transactions go through `db.write`:
 * SQLite has one writer, and a write issued beside the service's own queue would fail at once
 * with SQLITE_BUSY (the libSQL connections have no busy timeout) whenever an outbox write is open.
 *
 * A write builder is recorded call by call and replayed on the transaction when awaited, which is
 * how drizzle builders run anyway (they are thenables).
 */
export function serializedOrm<S extends AnySchema>(db: Database<S>): Orm<S> {
  return new Proxy(db.orm, {
    get(target, prop, receiver) {
      if (prop === "transaction") {
        return (fn: (tx: unknown) => Promise<unknown>) => db.write((tx) => fn(tx));
      }
      if (typeof prop === "string" && WRITES.has(prop)) {
        return (...args: unknown[]) => deferredWrite(db, prop, args, []);
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

type Call = readonly [method: string, args: unknown[]];

function deferredWrite<S extends AnySchema>(db: Database<S>, method: string, args: unknown[], calls: Call[]): unknown {
  const run = () =>
    db.write(async (tx) => {
      // biome-ignore lint/suspicious/noExplicitAny: replays an arbitrary drizzle builder chain
      let builder: any = (tx as any)[method](...args);
      for (const [name, callArgs] of calls) builder = builder[name](...callArgs);
      return await builder;
    });
  return new Proxy(
    {},
    {
      get(_target, prop) {
        if (prop === "then") {
          return (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) =>
            run().then(onFulfilled, onRejected);
        }
        if (prop === "catch") return (onRejected: (e: unknown) => unknown) => run().catch(onRejected);
        if (typeof prop !== "string") return undefined;
        return (...callArgs: unknown[]) => deferredWrite(db, method, args, [...calls, [prop, callArgs]]);
      },
    },
  );
}

import type { Database } from "@mercato/db";
import {
  categoryStatements,
  isOlderCopy,
  REPLICA_SETUP,
  replicaStatements,
  staleCategoryStatements,
} from "../db/edge-replica.ts";
import { type D1Api, type D1ApiConfig, d1HttpApi } from "./d1-http.ts";

/** Keeps the edge's D1 replica of the catalog current (#25); `null` in deps when no D1 is configured. */
export interface EdgeSync {
  /** Makes D1's copy of these products the catalog's current rows, in one atomic batch. */
  products(ids: string[]): Promise<void>;
  /** Makes D1's category tree the catalog's: every category upserted, the ones gone removed. */
  categories(): Promise<void>;
  /** Copies the whole catalog (and sets up the replica's bookkeeping); the number of products copied. */
  resync(opts?: { pageSize?: number; onProgress?: (copied: number) => void }): Promise<number>;
}

export function edgeSync(client: Database["client"], d1: D1Api): EdgeSync {
  const products = async (ids: string[]) => {
    const statements = await replicaStatements(client, ids);
    try {
      await d1.batch(statements);
    } catch (err) {
      // A copy read later was applied first: the replica is already newer than this one.
      if (!isOlderCopy(err)) throw err;
    }
  };
  return {
    products,
    async categories() {
      // Two batches: a category deleted here can only go once no product copy in D1 links it (its
      // products' own events unlink it); until then the delete fails and the event is redelivered.
      await d1.batch(await categoryStatements(client));
      await d1.batch(await staleCategoryStatements(client));
    },
    async resync(opts = {}) {
      const pageSize = opts.pageSize ?? 25;
      await d1.batch(REPLICA_SETUP);
      await d1.batch(await categoryStatements(client));
      let copied = 0;
      let after = "";
      for (;;) {
        const page = await client.execute({
          sql: "SELECT id FROM products WHERE id > ? ORDER BY id LIMIT ?",
          args: [after, pageSize],
        });
        if (page.rows.length === 0) break;
        const ids = page.rows.map((r) => String(r[0]));
        await products(ids);
        copied += ids.length;
        opts.onProgress?.(copied);
        after = ids.at(-1)!;
      }
      await d1.batch(await staleCategoryStatements(client));
      return copied;
    },
  };
}

/** The D1 settings of the catalog's env, or null when the edge replica is off. */
export function edgeSyncFromEnv(
  client: Database["client"],
  env: {
    EDGE_D1_API_URL: string;
    EDGE_D1_ACCOUNT_ID?: string;
    EDGE_D1_DATABASE_ID?: string;
    EDGE_D1_API_TOKEN?: string;
  },
  fetchImpl?: D1ApiConfig["fetch"],
): EdgeSync | null {
  const { EDGE_D1_ACCOUNT_ID: accountId, EDGE_D1_DATABASE_ID: databaseId, EDGE_D1_API_TOKEN: token } = env;
  if (!accountId || !databaseId || !token) return null;
  return edgeSync(client, d1HttpApi({ baseUrl: env.EDGE_D1_API_URL, accountId, databaseId, token, fetch: fetchImpl }));
}

import { fileURLToPath } from "node:url";
import { createDatabase } from "@mercato/db";
import { tempDir } from "@mercato/testing";
import type { JetStreamManager } from "@nats-io/jetstream";
import pino from "pino";
import * as schema from "./fixtures/schema.ts";

export const silentLog = pino({ level: "silent" });
export const migrations = fileURLToPath(new URL("./fixtures/drizzle", import.meta.url));

export async function fixtureDb() {
  const dir = tempDir("mercato-events-");
  const url = `file:${dir.path}/events.db`;
  const db = createDatabase(url, schema);
  await db.migrate(migrations);
  return {
    db,
    url,
    dispose() {
      db.close();
      dir.dispose();
    },
  };
}

/** Every message on a subject in a stream, read with direct gets (no consumer). */
export async function messagesOn(jsm: JetStreamManager, stream: string, subject: string) {
  const info = await jsm.streams.info(stream);
  const out: { data: string; headers: Record<string, string> }[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (!m || m.subject !== subject) continue;
    const headers: Record<string, string> = {};
    for (const [k, v] of m.header ?? []) headers[k] = v[0] ?? "";
    out.push({ data: new TextDecoder().decode(m.data), headers });
  }
  return out;
}

export async function until<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await Bun.sleep(25);
  }
}

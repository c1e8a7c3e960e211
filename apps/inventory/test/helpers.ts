import { SERVICE_TOKEN_HEADER } from "@mercato/kit";
import { type RunningServer, startAlone, type TestIssuer, testServiceSigner } from "@mercato/testing";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { InventoryRouter } from "../src/index.ts";
import { inventoryService } from "../src/service.ts";

export type InventoryUnderTest = Awaited<ReturnType<typeof startInventory>>["inventory"];

/** Private NATS and Redis, a JWT issuer and the inventory service in this process. */
export async function startInventory(env: Record<string, string> = {}) {
  const { service, ...rest } = await startAlone(inventoryService, "inventory", env);
  return { ...rest, inventory: service };
}

export function clientFor(url: string, headers: () => Promise<Record<string, string>> = async () => ({})) {
  return createTRPCClient<InventoryRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, transformer: superjson, headers })],
  });
}

export function userClient(url: string, issuer: TestIssuer, role: "admin" | "customer") {
  return clientFor(url, async () => ({
    authorization: `Bearer ${await issuer.sign({ sub: `${role}-1`, email: `${role}@example.com`, role })}`,
  }));
}

/** As the audit tools (`ops`), which may read the books and any reservation. */
export function serviceClient(url: string) {
  const token = testServiceSigner("ops");
  return clientFor(url, async () => ({ [SERVICE_TOKEN_HEADER]: await token("inventory") }));
}

/** Polls until `check` returns a value that is not undefined, or fails after the deadline. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(25);
  }
}

export interface StoredEvent {
  subject: string;
  id: string;
  data: Record<string, unknown>;
}

/** Every message the stream holds, read back one by one (direct get; works on NATS 2.9). */
export async function streamMessages(inventory: InventoryUnderTest, stream: string): Promise<StoredEvent[]> {
  const jsm = inventory.deps.bus.jsm;
  const info = await jsm.streams.info(stream);
  const out: StoredEvent[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const msg = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (!msg) continue;
    const body = msg.json<{ id: string; data: Record<string, unknown> }>();
    out.push({ subject: msg.subject, id: body.id, data: body.data });
  }
  return out;
}

export type { RunningServer };

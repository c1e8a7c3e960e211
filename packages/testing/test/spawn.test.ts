import { expect, test } from "bun:test";
import { freePort, spawnService } from "../src/index.ts";

test("a port another service already answers on is not readiness: the start fails, it does not pass on the wrong process", async () => {
  const port = await freePort();
  // Another service's /ready on the port (a suite beside this one on the same range).
  const other = Bun.serve({
    hostname: "127.0.0.1",
    port,
    fetch: () => Response.json({ service: "catalog", status: "ready" }),
  });
  try {
    // Its own process cannot listen there (and has no env to start with): it exits, and says so.
    const start = spawnService("cart", { PORT: String(port) }, { timeoutMs: 15_000 });
    await expect(start).rejects.toThrow(/cart exited with code/);
  } finally {
    other.stop(true);
  }
}, 30_000);

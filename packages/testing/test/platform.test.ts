import { afterAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { eventually, failure, startPlatform, type TestPlatform } from "../src/index.ts";

/** Whether a process with this id still exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const started: TestPlatform<"catalog" | "inventory", "inventory">[] = [];
afterAll(async () => {
  await Promise.all(started.map((p) => p.dispose()));
});

describe("startPlatform", () => {
  test("runs a service as a process beside one in process, survives a kill -9 and a restart, and dispose leaves nothing running", async () => {
    const p = await startPlatform({ services: ["catalog", "inventory"], inProcess: ["inventory"] });
    started.push(p);
    const catalog = p.client("catalog");
    expect((await catalog.catalog.products.list.query({ limit: 1 })).items).toEqual([]);
    expect(await p.client("inventory").inventory.availability.query({ skus: ["NONE"] })).toMatchObject([
      { sku: "NONE", available: 0 },
    ]);
    // Each service reaches the others at the URLs the registry names.
    expect(p.inProcess.inventory.env.CATALOG_URL).toBe(p.processes.catalog.url);

    const firstPid = p.processes.catalog.proc.pid;
    await p.kill("catalog");
    expect(alive(firstPid)).toBe(false);
    expect((await failure(catalog.catalog.products.list.query({ limit: 1 }))).message).toContain("Unable to connect");
    await p.restart("catalog");
    expect(p.processes.catalog.proc.pid).not.toBe(firstPid);
    expect((await catalog.catalog.products.list.query({ limit: 1 })).items).toEqual([]);

    const inventory = p.inProcess.inventory;
    await p.restart("inventory");
    expect(p.inProcess.inventory).toBe(inventory);
    expect(await p.client("inventory").inventory.availability.query({ skus: ["NONE"] })).toMatchObject([
      { sku: "NONE", available: 0 },
    ]);

    const pids = [p.processes.catalog.proc.pid, p.nats.pid!, p.redis.pid!];
    expect(pids.every(alive)).toBe(true);
    await p.dispose();
    await eventually(async () => pids.every((pid) => !alive(pid)), 5_000);
    expect(existsSync(p.dir)).toBe(false);
  }, 120_000);

  test("a start that fails half-way stops what it started", async () => {
    const before = new Set(livePids());
    const failing = startPlatform({
      services: ["catalog", "inventory"],
      env: { inventory: { DATABASE_URL: "not-a-url" } },
      readyTimeoutMs: 30_000,
    });
    await expect(failing).rejects.toThrow("inventory exited with code 1 before it was ready");
    await eventually(async () => livePids().every((pid) => before.has(pid)), 10_000);
  }, 120_000);
});

/** Ids of this test's child processes (services, nats-server, redis-server). */
function livePids(): number[] {
  const out = Bun.spawnSync(["pgrep", "-P", String(process.pid)]).stdout.toString();
  return out.split("\n").filter(Boolean).map(Number);
}

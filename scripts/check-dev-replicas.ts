// `bun scripts/check-dev-replicas.ts`: proves `REPLICAS=2 bun dev` starts (#26). Runs the dev
// launcher with two instances of every service on its own ports (MERCATO_PORT_OFFSET, from the
// start of MERCATO_TEST_PORTS so it never meets a developer's platform or another test run), its
// own NATS and Redis and a temporary data directory, without the storefront; waits until every instance answers /ready
// and the gateway's /health (which asks every replica) says the platform is up; then stops the
// launcher with SIGTERM, as Ctrl-C does, and checks that it exits and frees every port. Bounded:
// fails after CHECK_TIMEOUT_MS (default 300 s) and never leaves the launcher running.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "bun";

const firstTestPort = Number(process.env.MERCATO_TEST_PORTS?.split("-")[0] ?? 27000);
// The lowest dev port is the storefront's 3000: shift everything to start at the first test port.
const offset = firstTestPort - 3000;
process.env.MERCATO_PORT_OFFSET = String(offset);
process.env.REPLICAS = "2";
const { GATEWAY_PORT, presentServices, ROOT } = await import("./services.ts");
const timeoutMs = Number(process.env.CHECK_TIMEOUT_MS ?? 300_000);
const deadline = Date.now() + timeoutMs;
// NATS and Redis just above the gateway's metrics port (4090 + offset), below the replicas' ports.
const natsPort = 4095 + offset;
const redisPort = 4096 + offset;
const dataDir = mkdtempSync(join(tmpdir(), "mercato-dev-replicas-"));

const launcher = spawn(["bun", "scripts/dev.ts"], {
  cwd: ROOT,
  env: {
    ...process.env,
    MERCATO_DATA_DIR: dataDir,
    // Without the storefront: it is the slowest part and not what this check is about. (Its `next dev`
    // child used to outlive the launcher's stop; each child now leads a process group the stop signals.)
    MERCATO_DEV_WEB: "off",
    NATS_URL: `nats://127.0.0.1:${natsPort}`,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
  },
  stdout: "pipe",
  stderr: "pipe",
});
// Kept for the failure message: the launcher's last lines say which process did not come up.
const tail: string[] = [];
for (const stream of [launcher.stdout, launcher.stderr]) {
  void (async () => {
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      tail.push(...decoder.decode(value).split("\n").filter(Boolean));
      tail.splice(0, Math.max(0, tail.length - 40));
    }
  })();
}

async function ok(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

async function until(what: string, check: () => Promise<boolean>) {
  while (!(await check())) {
    if (launcher.exitCode !== null) throw new Error(`the launcher exited (code ${launcher.exitCode}) before ${what}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await Bun.sleep(500);
  }
}

const instances = presentServices().flatMap((s) => s.ports.map((port) => ({ name: s.name, port })));
let failed = false;
try {
  if (instances.some((_, i, all) => all.findIndex((x) => x.port === all[i]?.port) !== i))
    throw new Error("ports clash");
  for (const s of presentServices()) {
    if (s.ports.length !== 2) throw new Error(`${s.name}: ${s.ports.length} instances, expected 2`);
  }
  await until("every instance ready", async () =>
    (await Promise.all(instances.map((i) => ok(`http://127.0.0.1:${i.port}/ready`)))).every(Boolean),
  );
  await until("the gateway's /health up", () => ok(`http://127.0.0.1:${GATEWAY_PORT}/health`));
  console.log(`REPLICAS=2 bun dev: ${instances.length} service instances ready, the gateway's /health up`);
} catch (err) {
  failed = true;
  console.error(`REPLICAS=2 bun dev did not start: ${err instanceof Error ? err.message : String(err)}`);
  console.error(tail.join("\n"));
} finally {
  launcher.kill("SIGTERM");
  const exited = await Promise.race([launcher.exited.then(() => true), Bun.sleep(30_000).then(() => false)]);
  if (!exited) {
    failed = true;
    console.error("the launcher did not stop within 30 s of SIGTERM");
    launcher.kill("SIGKILL");
  }
  const stillAnswering = (
    await Promise.all(instances.map(async (i) => ((await ok(`http://127.0.0.1:${i.port}/ready`)) ? i : undefined)))
  ).filter(Boolean);
  if (stillAnswering.length > 0) {
    failed = true;
    console.error(`still answering after the stop: ${stillAnswering.map((i) => `${i?.name}:${i?.port}`).join(", ")}`);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

// A platform service's process, for suites that take one down for real: found by the loopback port
// it listens on, killed like a crash, and started again exactly as the launcher started it (its
// command line, working directory and environment, read from /proc before the kill), as an
// orchestrator restarting a crashed container would. The dev launcher never restarts a child, so
// the process started again is this module's to stop (`stopRestartedServices`).
import { readFileSync, readlinkSync } from "node:fs";
import type { Subprocess } from "bun";

/** The pid of the process listening on a loopback port (the launcher's child for that service). */
export async function pidListeningOn(port: number): Promise<number> {
  const proc = Bun.spawn(["ss", "-Hltnp", `sport = :${port}`], { stdout: "pipe" });
  const out = await new Response(proc.stdout).text();
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process found listening on port ${port}: ${out}`);
  return Number(pid);
}

async function listening(port: number): Promise<boolean> {
  const proc = Bun.spawn(["ss", "-Hltn", `sport = :${port}`], { stdout: "pipe" });
  return (await new Response(proc.stdout).text()).trim().length > 0;
}

async function waitFor(what: string, probe: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await Bun.sleep(200);
  }
}

export interface StoppedService {
  /** Starts the service again as it was started, and resolves once its `/ready` answers 200. */
  restart(): Promise<void>;
}

const restarted = new Set<Subprocess>();

/** Kills (SIGKILL: no drain, no goodbye) the service answering at `url`, keeping how to start it again. */
export async function stopService(url: string): Promise<StoppedService> {
  const port = Number(new URL(url).port);
  const pid = await pidListeningOn(port);
  const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  const cwd = readlinkSync(`/proc/${pid}/cwd`);
  const env: Record<string, string> = {};
  for (const entry of readFileSync(`/proc/${pid}/environ`, "utf8").split("\0")) {
    const at = entry.indexOf("=");
    if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  process.kill(pid, "SIGKILL");
  await waitFor(`port ${port} to close`, async () => !(await listening(port)), 30_000);
  return {
    async restart() {
      const verbose = Boolean(process.env.TEST_LOG_LEVEL);
      const proc = Bun.spawn(cmd, {
        cwd,
        env,
        stdout: verbose ? "inherit" : "ignore",
        stderr: verbose ? "inherit" : "ignore",
      });
      restarted.add(proc);
      const deadline = Date.now() + 120_000;
      for (;;) {
        if (proc.exitCode !== null) throw new Error(`${cmd.join(" ")} exited with ${proc.exitCode} after a restart`);
        const ready = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) }).then(
          (res) => res.ok,
          () => false,
        );
        if (ready) return;
        if (Date.now() > deadline) throw new Error(`${url}/ready did not answer within 120 s of a restart`);
        await Bun.sleep(200);
      }
    },
  };
}

/** Stops every process `restart()` started (before the platform's NATS and Redis go away). */
export async function stopRestartedServices(): Promise<void> {
  await Promise.all(
    [...restarted].map(async (proc) => {
      proc.kill("SIGTERM");
      await Promise.race([proc.exited, Bun.sleep(15_000)]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      restarted.delete(proc);
    }),
  );
}

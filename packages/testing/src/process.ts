import { fileURLToPath } from "node:url";
import { type Subprocess, spawn } from "bun";
import { waitForHttp } from "./ports.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface ServiceProcess {
  name: string;
  url: string;
  proc: Subprocess;
  /** Sends a signal and waits for the exit code (SIGKILL for a crash, SIGTERM for a stop). */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts the same service again with the same env (same port and database). */
  restart(): Promise<void>;
}

/**
 * Runs `apps/<name>/src/main.ts` as its own process (real HTTP, real crash), waiting until its
 * `/ready` answers 200. Output goes to the test's stderr only when TEST_LOG_LEVEL is set.
 */
export async function spawnService(
  name: string,
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<ServiceProcess> {
  const url = `http://127.0.0.1:${env.PORT}`;
  const entry = `${ROOT}apps/${name}/src/main.ts`;
  const verbose = Boolean(process.env.TEST_LOG_LEVEL);
  const launch = async () => {
    const proc = spawn(["bun", entry], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdout: verbose ? "inherit" : "ignore",
      stderr: verbose ? "inherit" : "ignore",
    });
    await waitForHttp(`${url}/ready`, timeoutMs);
    return proc;
  };
  const handle: ServiceProcess = {
    name,
    url,
    proc: await launch(),
    async kill(signal = "SIGTERM") {
      handle.proc.kill(signal);
      return handle.proc.exited;
    },
    async restart() {
      if (handle.proc.exitCode === null && !handle.proc.killed) await handle.kill("SIGTERM");
      handle.proc = await launch();
    },
  };
  return handle;
}

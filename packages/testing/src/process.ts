import { appendFileSync, closeSync, openSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Subprocess, spawn } from "bun";
import { waitForHttp } from "./ports.ts";

/** The monorepo's root folder (apps/ and packages/ are below it). */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface ServiceProcess {
  name: string;
  url: string;
  /** The latest incarnation's process (its pid changes on restart). */
  proc: Subprocess;
  /** Where its output goes (every incarnation appended), when it is kept in a file. */
  logFile: string | undefined;
  /** ms from spawn to the first 2xx on its readiness path, for the latest start. */
  startMs: number;
  /** Sends a signal and waits for the exit code (SIGKILL for a crash, SIGTERM for a stop). */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts the same service again with the same env (same port and database), stopping it first if it runs. */
  restart(): Promise<void>;
}

export interface SpawnOptions {
  /** Folder under apps/ whose `src/main.ts` runs (default: the name, so "gateway-nocache" can run the gateway). */
  app?: string;
  /** Path that answers 2xx once the process is ready (default `/ready`; the gateway's `/ready` needs every service). */
  readyPath?: string;
  timeoutMs?: number;
  /** Appends stdout and stderr to this file; otherwise they reach the test's output only with TEST_LOG_LEVEL. */
  logFile?: string;
}

/**
 * Runs `apps/<name>/src/main.ts` as its own process (real HTTP, real crash), waiting until its
 * readiness path answers 2xx. A process that exits before it is ready fails at once; a failed
 * start names the end of its log when there is one.
 */
export async function spawnService(
  name: string,
  env: Record<string, string>,
  opts: SpawnOptions = {},
): Promise<ServiceProcess> {
  const url = `http://127.0.0.1:${env.PORT}`;
  const entry = `${ROOT}apps/${opts.app ?? name}/src/main.ts`;
  const verbose = Boolean(process.env.TEST_LOG_LEVEL);
  const { logFile } = opts;
  const launch = async () => {
    const t0 = performance.now();
    let output: "inherit" | "ignore" | number = verbose ? "inherit" : "ignore";
    if (logFile) {
      appendFileSync(logFile, `--- start ${new Date().toISOString()}\n`);
      output = openSync(logFile, "a");
    }
    // MERCATO_SERVICE_BUN_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the services a bench spawns.
    const flags = (process.env.MERCATO_SERVICE_BUN_FLAGS ?? "").split(/\s+/).filter(Boolean);
    const proc = spawn(["bun", ...flags, entry], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdout: output,
      stderr: output,
    });
    if (typeof output === "number") closeSync(output);
    const exited = proc.exited.then((code) => {
      throw new Error(`${name} exited with code ${code} before it was ready`);
    });
    try {
      await Promise.race([
        waitForHttp(`${url}${opts.readyPath ?? "/ready"}`, opts.timeoutMs ?? 20_000, answeredBy(opts.app ?? name)),
        exited,
      ]);
    } catch (err) {
      proc.kill("SIGKILL");
      if (!logFile) throw err;
      throw new Error(`${err instanceof Error ? err.message : String(err)}; log: ${logFile}\n${tail(logFile)}`);
    } finally {
      exited.catch(() => {});
    }
    handle.startMs = performance.now() - t0;
    return proc;
  };
  const handle: ServiceProcess = {
    name,
    url,
    proc: undefined as unknown as Subprocess,
    logFile,
    startMs: 0,
    async kill(signal = "SIGTERM") {
      if (handle.proc.exitCode !== null || handle.proc.signalCode !== null) return handle.proc.exitCode;
      handle.proc.kill(signal);
      return handle.proc.exited;
    },
    async restart() {
      await handle.kill("SIGTERM");
      handle.proc = await launch();
    },
  };
  handle.proc = await launch();
  return handle;
}

/** The last lines of a log file, for error messages. */
export function tail(file: string | undefined, lines = 20): string {
  if (!file) return "(no log)";
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Whether a readiness answer comes from this service: every service's and the gateway's `/ready`
 * names its `service`. Another process holding the port (a suite run beside this one on the same
 * range) answers 2xx too, and without this check the platform would start "ready" on it, then meet
 * ECONNREFUSED once that process ended (seen in a fresh-ci run) while its own process had already
 * exited on EADDRINUSE; now the start fails there, naming the exit and its log.
 */
function answeredBy(service: string): (body: string) => boolean {
  return (body) => {
    try {
      const named = (JSON.parse(body) as { service?: unknown }).service;
      return typeof named !== "string" || named === service;
    } catch {
      return true;
    }
  };
}

/**
 * Service processes for the benchmark and the chaos run: like @mercato/testing's spawnService,
 * but output goes to a log file per service (read after a fault to see what happened), and each
 * process can be SIGKILLed, restarted on the same port and database, and measured (/proc).
 */
import { appendFileSync, closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Subprocess, spawn } from "bun";
import { waitForHttp } from "../../packages/testing/src/index.ts";

export const ROOT = join(import.meta.dir, "..", "..");

export interface Managed {
  name: string;
  url: string;
  logFile: string;
  proc: Subprocess;
  /** ms from spawn to the first 200 on the readiness URL, for the latest start. */
  startMs: number;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts it again (same env, port, database) and waits until it is ready. */
  start(): Promise<void>;
}

export async function startManaged(opts: {
  name: string;
  cmd: string[];
  env: Record<string, string>;
  url: string;
  readyPath: string;
  logDir: string;
  timeoutMs?: number;
}): Promise<Managed> {
  const logFile = join(opts.logDir, `${opts.name}.log`);
  const handle: Managed = {
    name: opts.name,
    url: opts.url,
    logFile,
    proc: undefined as unknown as Subprocess,
    startMs: 0,
    async kill(signal = "SIGTERM") {
      if (handle.proc.exitCode !== null || handle.proc.signalCode !== null) return handle.proc.exitCode;
      handle.proc.kill(signal);
      return handle.proc.exited;
    },
    async start() {
      appendFileSync(logFile, `--- start ${new Date().toISOString()}\n`);
      const t0 = performance.now();
      // Appending to the file keeps the log of every incarnation.
      const out = openSync(logFile, "a");
      handle.proc = spawn(opts.cmd, {
        cwd: ROOT,
        env: { ...process.env, ...opts.env },
        stdout: out,
        stderr: out,
      });
      closeSync(out);
      const exited = handle.proc.exited.then((code) => {
        throw new Error(`${opts.name} exited with code ${code} before it was ready; log: ${logFile}\n${tail(logFile)}`);
      });
      await Promise.race([waitForHttp(`${opts.url}${opts.readyPath}`, opts.timeoutMs ?? 60_000), exited]);
      exited.catch(() => {});
      handle.startMs = performance.now() - t0;
    },
  };
  await handle.start();
  return handle;
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Resident memory of a process from /proc: now (VmRSS) and the peak so far (VmHWM), in KiB. */
export function memoryOf(pid: number): { rssKib: number; hwmKib: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return { rssKib: field("VmRSS"), hwmKib: field("VmHWM") };
  } catch {
    return { rssKib: Number.NaN, hwmKib: Number.NaN };
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times; 100 on every mainstream kernel. */
const CLOCK_TICKS_PER_SECOND = 100;

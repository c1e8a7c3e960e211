import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Subprocess, spawn } from "bun";
import { freePort, waitForPort } from "./ports.ts";

export interface RunningServer {
  url: string;
  port: number;
  dir: string;
  /** The server's process id while it runs (benchmarks read its CPU time from /proc). */
  readonly pid: number | undefined;
  /** Stops the process (data stays, so it can be started again on the same port). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  /** Stops it and deletes its data. */
  dispose(): Promise<void>;
}

function which(bin: string): string {
  const found = Bun.which(bin, { PATH: `${process.env.PATH}:/usr/sbin:/usr/local/sbin:/sbin` });
  if (!found) throw new Error(`${bin} is not installed: run the README's test command, which installs it from apt`);
  return found;
}

async function startManaged(
  name: string,
  argsFor: (port: number, dir: string) => string[],
  urlFor: (port: number) => string,
): Promise<RunningServer> {
  const bin = which(name);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), `mercato-${name}-`));
  let proc: Subprocess | undefined;
  const launch = async () => {
    proc = spawn([bin, ...argsFor(port, dir)], { stdout: "ignore", stderr: "ignore" });
    await waitForPort(port);
  };
  const stop = async () => {
    if (!proc) return;
    proc.kill("SIGTERM");
    // A server that lingers over open connections is killed rather than waited for.
    if ((await Promise.race([proc.exited.then(() => true), Bun.sleep(5_000).then(() => false)])) === false) {
      proc.kill("SIGKILL");
      await proc.exited;
    }
    proc = undefined;
  };
  await launch();
  return {
    url: urlFor(port),
    port,
    dir,
    get pid() {
      return proc?.pid;
    },
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A private nats-server with JetStream on a free port and a temp store directory. */
export function startNats(): Promise<RunningServer> {
  return startManaged(
    "nats-server",
    (port, dir) => ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", dir],
    (port) => `nats://127.0.0.1:${port}`,
  );
}

/** A private redis-server on a free port that keeps nothing on disk. */
export function startRedis(): Promise<RunningServer> {
  return startManaged(
    "redis-server",
    (port, dir) => ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    (port) => `redis://127.0.0.1:${port}`,
  );
}

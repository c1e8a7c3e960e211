import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventBus } from "@mercato/events";
import {
  NATS_USERS,
  type NatsUser,
  natsPasswordEnv,
  natsServerConfig,
  natsUrlWithCredentials,
  platformNatsUsers,
} from "@mercato/events/nats-auth";
import { createLogger } from "@mercato/kit";
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

/**
 * A test nats-server. Its `url` carries the credentials of the harness's own user (`test`,
 * allowed everything: suites publish and inspect any subject); a service gets its own user's URL
 * from `urlFor`.
 */
export interface NatsServer extends RunningServer {
  /** A URL with the credentials of one platform user (a service name or `gateway`). */
  urlFor(user: string): string;
  /** The server's address with no credentials: the server refuses it. */
  readonly bareUrl: string;
  /** Each platform user's password under its variable (`NATS_PASSWORD_ORDERS`...). */
  readonly passwords: Record<string, string>;
}

/** The harness's own NATS user: only private test servers know it. */
const TEST_NATS_USER = "test";

/**
 * A private nats-server with JetStream on a free port and a temp store directory, requiring
 * authentication as production does: one user per service and the gateway, with the
 * permissions of `@mercato/events/nats-auth`, and random passwords.
 */
export async function startNats(): Promise<NatsServer> {
  const passwords = Object.fromEntries(
    NATS_USERS.map((u) => [
      natsPasswordEnv(u),
      Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("hex"),
    ]),
  );
  const testPassword = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("hex");
  const users: NatsUser[] = [...platformNatsUsers(passwords), { user: TEST_NATS_USER, password: testPassword }];
  const server = await startManaged(
    "nats-server",
    (port, dir) => {
      const config = join(dir, "nats.conf");
      writeFileSync(
        config,
        natsServerConfig({ users, host: "127.0.0.1", port, storeDir: join(dir, "js"), authTimeoutSeconds: 15 }),
        {
          mode: 0o600,
        },
      );
      return ["-c", config];
    },
    (port) => `nats://127.0.0.1:${port}`,
  );
  const bareUrl = server.url;
  const urlFor = (user: string) => {
    const password = user === TEST_NATS_USER ? testPassword : passwords[natsPasswordEnv(user)];
    if (!password) throw new Error(`the test NATS server has no user ${user}`);
    return natsUrlWithCredentials(bareUrl, user, password);
  };
  // Every domain's stream, as an operator's first deploy would have them: a service's own NATS user
  // may create only its own, so a test running a subset (notifications without orders) would
  // otherwise wait for a stream no one creates.
  const operator = await EventBus.connect(urlFor(TEST_NATS_USER), TEST_NATS_USER, createLogger("test-nats", "silent"));
  await operator.close();
  return Object.assign(server, { url: urlFor(TEST_NATS_USER), bareUrl, urlFor, passwords });
}

/** A private redis-server on a free port that keeps nothing on disk. */
export function startRedis(): Promise<RunningServer> {
  return startManaged(
    "redis-server",
    (port, dir) => ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    (port) => `redis://127.0.0.1:${port}`,
  );
}

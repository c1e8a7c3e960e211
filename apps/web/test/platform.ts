// Starts the whole platform through the dev launcher, as a shopper would meet it, on private
// NATS/Redis, a temp data directory and shifted ports, and a headless Chromium to drive it. One
// platform is shared by every test file of a `bun test` run (see startPlatform).
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { GATEWAY, platformUrls, WEB } from "@mercato/registry";
import { freePortOffset, startNats, startRedis, TEST_SERVICE_KEYS, tempDir } from "@mercato/testing";
import type { Subprocess } from "bun";
import { type Browser, chromium, type Page } from "playwright-core";

const ROOT = join(import.meta.dir, "../../..");
export const ARTIFACTS = join(ROOT, "apps/web/test-artifacts");

export interface Platform {
  webUrl: string;
  gatewayUrl: string;
  /** Every service's URL by its env name (IDENTITY_URL…), for a test calling a service as a service. */
  urls: Record<string, string>;
  /**
   * Lets go of the platform: a private one stops; the shared one stops only when the last test
   * file is done with it (see startPlatform). Safe to call more than once.
   */
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /**
   * A platform of the suite's own, started for it and stopped by its `stop()`: for a suite that
   * stops or restarts a service, needs data no other suite has touched, or sets `env`.
   */
  private?: boolean;
  /** Environment for every process of the platform (a private platform only; implies `private`). */
  env?: Record<string, string>;
}

interface Running {
  webUrl: string;
  gatewayUrl: string;
  urls: Record<string, string>;
  /** Whether the launcher is still running (a shared platform that died is started again). */
  alive(): boolean;
  stop(): Promise<void>;
}

/**
 * The whole platform, as a shopper meets it. Test files share one platform per `bun test` process:
 * the first call starts it, later calls (from other files) get the same one, and `stop()` only
 * lets go of it; the preload `test/shared-platform.ts` (apps/web/bunfig.toml) stops it after the
 * last file. Shared data means a suite must not count on what other suites leave alone: stock
 * what it buys (setStock), use unique emails and names, look for its own rows rather than
 * counting all of them. Rate limits are raised for the shared run (see `sharedEnv`).
 *
 * A suite gets a platform of its own with `{ private: true }` or `{ env }`, and also when it
 * changed `process.env` before calling (as the launcher passes the environment to every
 * service, the shared platform would not see that change).
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  if (options.private || options.env || !sharedEnvMatches()) {
    if (!options.private && !options.env) {
      console.error("[platform] process.env differs from the shared platform's: starting a private platform");
    }
    const running = await launch(options.env ?? {});
    let stopped = false;
    return handle(running, async () => {
      if (stopped) return;
      stopped = true;
      await running.stop();
    });
  }
  if (shared) {
    const current = await shared.running.catch(() => undefined);
    if (!current?.alive()) {
      // It failed to start, or died since: start it again, and let a stuck one go.
      const dead = shared;
      shared = undefined;
      await current?.stop().catch(() => undefined);
      if (dead.users > 0) console.error("[platform] the shared platform was down: starting it again");
    }
  }
  if (!shared) {
    shared = { users: 0, running: launch({}) };
  }
  const mine = shared;
  mine.users += 1;
  let running: Running;
  try {
    running = await mine.running;
  } catch (err) {
    mine.users -= 1;
    if (shared === mine) shared = undefined;
    throw err;
  }
  let released = false;
  return handle(running, async () => {
    if (released) return;
    released = true;
    mine.users -= 1;
    // Without the preload nothing would stop it at the end of the run: stop it with its last user.
    if (mine.users === 0 && !keepSharedPlatform) await stopSharedPlatform();
  });
}

function handle(running: Running, stop: () => Promise<void>): Platform {
  return { webUrl: running.webUrl, gatewayUrl: running.gatewayUrl, urls: running.urls, stop };
}

let shared: { users: number; running: Promise<Running> } | undefined;
let keepSharedPlatform = false;

function sharedEnvMatches(): boolean {
  return envKey() === baseEnv;
}

/** The environment as one string, whatever order a suite that restored it put the keys back in. */
function envKey(): string {
  return JSON.stringify(Object.entries(process.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The environment before any test file ran: the shared platform's. */
const baseEnv = envKey();

/**
 * Called by the preload (test/shared-platform.ts): the shared platform outlives each file's
 * `stop()` and is stopped by `stopSharedPlatform()` after the last file.
 */
export function keepSharedPlatformBetweenFiles(): void {
  keepSharedPlatform = true;
}

/** Really stops the shared platform (the preload's afterAll, after the last test file). */
export async function stopSharedPlatform(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (!current) return;
  if (current.users > 0) console.error(`[platform] stopping the shared platform with ${current.users} users left`);
  const running = await current.running.catch(() => undefined);
  await running?.stop();
}

/**
 * The limits every shared run needs raised: all suites of a run sign in, sign up and check out from
 * the one loopback address within identity's 15-minute window. The identity, gateway and security
 * suites test the real limits; a suite that tests a limit sets it (a private platform).
 */
const sharedEnv: Record<string, string> = {
  RATE_LIMIT_PER_IP: "100000",
  RATE_LIMIT_SIGN_UP_PER_IP: "100000",
  RATE_LIMIT_IP: "100000",
  RATE_LIMIT_READ: "100000",
  RATE_LIMIT_MEDIA: "100000",
  RATE_LIMIT_USER: "100000",
  RATE_LIMIT_SENSITIVE: "100000",
};

/**
 * Runs `bun scripts/dev.ts` with the production web build (`next start`; run `next build` first,
 * as the test command does). Resolves when the launcher prints that everything is ready; a start
 * that fails stops whatever it started.
 */
async function launch(extraEnv: Record<string, string>): Promise<Running> {
  if (!existsSync(join(ROOT, "apps/web/.next/BUILD_ID"))) {
    throw new Error("apps/web has no production build: run `bun run --cwd apps/web build` first");
  }
  const started = performance.now();
  const [nats, redis] = await Promise.all([startNats(), startRedis()]);
  const data = tempDir("mercato-platform-");
  let launcher: Subprocess<"ignore", "pipe", "inherit" | "ignore"> | undefined;
  const stop = async () => {
    if (launcher) {
      launcher.kill("SIGINT");
      await Promise.race([launcher.exited, Bun.sleep(30_000)]);
      if (launcher.exitCode === null) launcher.kill("SIGKILL");
    }
    await Promise.all([nats.dispose(), redis.dispose()]);
    data.dispose();
  };
  try {
    const offset = await freePortOffset();
    const verbose = Boolean(process.env.TEST_LOG_LEVEL);
    launcher = Bun.spawn(["bun", "scripts/dev.ts"], {
      cwd: ROOT,
      env: {
        // Defaults the caller's environment can override (a suite testing a limit sets it).
        ...sharedEnv,
        ...process.env,
        ...extraEnv,
        MERCATO_PORT_OFFSET: String(offset),
        MERCATO_DATA_DIR: data.path,
        MERCATO_WEB_MODE: "start",
        // The launcher connects each process as its own NATS user, with the passwords the test
        // server was started with.
        NATS_URL: nats.bareUrl,
        ...nats.passwords,
        REDIS_URL: redis.url,
        // The test's key set, so a test can sign as a service (testServiceSigner), as identity's tests do.
        MERCATO_SERVICE_KEYS: JSON.stringify(TEST_SERVICE_KEYS),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn",
        // Short reservations would make a slow browser test flaky; the orders tests cover expiry.
        RESERVATION_TTL_MS: "900000",
        GUEST_RESERVATION_TTL_MS: "900000",
        // Every browser test checks out from this one address; the orders and security suites cover the caps.
        CHECKOUT_MAX_UNPAID_PER_ADDRESS: "100000",
        CHECKOUT_MAX_UNPAID_PER_EMAIL: "100000",
        CHECKOUT_MAX_UNPAID_UNITS: "100000",
      },
      stdout: "pipe",
      stderr: verbose ? "inherit" : "ignore",
    });
    await Promise.race([
      launcherReady(launcher.stdout, verbose),
      Bun.sleep(180_000).then(() => {
        throw new Error("the platform did not start within 180 s");
      }),
    ]);
    const urls = platformUrls("127.0.0.1", offset);
    const proc = launcher;
    console.error(`[platform] started in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return {
      webUrl: urls[WEB.urlEnv]!,
      gatewayUrl: urls[GATEWAY.urlEnv]!,
      urls,
      alive: () => proc.exitCode === null && proc.signalCode === null,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Resolves once the launcher prints that everything is ready, then keeps draining its output. */
async function launcherReady(stdout: ReadableStream<Uint8Array>, verbose: boolean): Promise<void> {
  const reader = stdout.getReader();
  const decoder = new TextDecoder();
  let seen = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`the dev launcher exited before the platform was ready:\n${seen.slice(-4000)}`);
    const text = decoder.decode(value, { stream: true });
    if (verbose) process.stdout.write(text);
    seen += text;
    if (seen.includes("Mercato is running")) {
      // Keep draining so the launcher never blocks on a full pipe.
      void (async () => {
        for (;;) {
          const next = await reader.read();
          if (next.done) return;
          if (verbose) process.stdout.write(decoder.decode(next.value));
        }
      })();
      return;
    }
  }
}

/** Debian's Chromium, headless, with no network of its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Saves a full-page screenshot under test-artifacts/<suite>/ (not committed). */
export async function shot(page: Page, suite: string, name: string): Promise<string> {
  const dir = join(ARTIFACTS, suite);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Makes `page.goto` resolve only once React has hydrated the new document (the root providers
 * set `html[data-hydrated]`): typing into a form before that is wiped by hydration.
 */
export function hydratedGoto(page: Page): Page {
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached", timeout: 30_000 });
    return response;
  };
  return page;
}

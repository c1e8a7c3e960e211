// Starts the whole platform through the dev launcher, as a shopper would meet it, on private
// NATS/Redis, a temp data directory and shifted ports, and a headless Chromium to drive it.
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
  stop(): Promise<void>;
}

/**
 * Runs `bun scripts/dev.ts` with the production web build (`next start`; run `next build` first,
 * as the test command does). Resolves when the launcher prints that everything is ready; a start
 * that fails stops whatever it started.
 */
export async function startPlatform(): Promise<Platform> {
  if (!existsSync(join(ROOT, "apps/web/.next/BUILD_ID"))) {
    throw new Error("apps/web has no production build: run `bun run --cwd apps/web build` first");
  }
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
        ...process.env,
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
    return { webUrl: urls[WEB.urlEnv]!, gatewayUrl: urls[GATEWAY.urlEnv]!, urls, stop };
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

// The admin's system health page (#28) on the whole platform (dev launcher, production web build,
// headless Chromium): live over SSE, every service ready with its version, memory and consumers,
// the gateway's breakers; then a service's process is killed and the page marks it down while the
// others stay up. Desktop and mobile, with axe-core. This suite kills a service, so it starts a
// platform of its own (`startPlatform({ private: true })`), never the shared one.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seriousViolations } from "./axe.ts";
import { hydratedGoto, launchBrowser, type Platform, shot, startPlatform } from "./platform.ts";

const SUITE = "system-health";
const ADMIN = { email: "admin@mercato.dev", password: "mercato-admin-1" };
/** The service this suite kills: nothing the page itself needs (identity, the gateway) depends on it. */
const VICTIM = "analytics";

/** The pid of the process listening on a loopback port (the launcher's child for that service). */
async function pidListeningOn(port: number): Promise<number> {
  const proc = Bun.spawn(["ss", "-Hltnp", `sport = :${port}`], { stdout: "pipe" });
  const out = await new Response(proc.stdout).text();
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process found listening on port ${port}: ${out}`);
  return Number(pid);
}

describe("system health in the admin", () => {
  let platform: Platform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ private: true });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await platform?.stop();
  }, 60_000);

  async function adminPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId: "UTC" });
    contexts.push(context);
    const page = hydratedGoto(await context.newPage());
    await page.goto(`${platform.webUrl}/account/sign-in?next=/admin`);
    await page.locator("#email").fill(ADMIN.email);
    await page.locator("#password").fill(ADMIN.password);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(`${platform.webUrl}/admin`, { timeout: 60_000 });
    await page.goto(`${platform.webUrl}/admin/system`);
    await page
      .locator('[data-testid="system-health"][data-live="true"]')
      .waitFor({ state: "attached", timeout: 60_000 });
    return page;
  }

  test("the stream refuses the signed-out", async () => {
    const res = await fetch(`${platform.webUrl}/admin/system/stream`);
    expect(res.status).toBe(401);
    const replay = await fetch(`${platform.webUrl}/admin/system/replay`, { method: "POST", body: "{}" });
    expect(replay.status).toBe(401);
  });

  test("desktop: every service ready, the breakers closed; a killed service is marked down", async () => {
    const page = await adminPage({ width: 1440, height: 1000 });
    for (const name of ["identity", "catalog", "orders", "payments", VICTIM]) {
      await page.locator(`[data-service="${name}"][data-state="up"]`).waitFor({ timeout: 60_000 });
    }
    const orders = page.locator('[data-service="orders"]');
    const ordersText = (await orders.textContent()) ?? "";
    expect(ordersText).toMatch(/Version\s*\d+\.\d+\.\d+/);
    expect(ordersText).toContain("Lag orders-payments");
    await page.locator('[data-breaker="orders"][data-breaker-state="closed"]').waitFor({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, SUITE, "desktop-ready");

    const port = Number(new URL(platform.urls[`${VICTIM.toUpperCase()}_URL`] ?? "").port);
    process.kill(await pidListeningOn(port), "SIGKILL");
    const down = page.locator(`[data-service="${VICTIM}"][data-state="down"]`);
    await down.waitFor({ timeout: 60_000 });
    expect(await down.textContent()).toContain("down");
    // The others are still up, and the page kept streaming.
    await page.locator('[data-service="orders"][data-state="up"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="system-health"][data-live="true"]').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, SUITE, "desktop-service-down");
  }, 240_000);

  test("mobile: the same page, readable and accessible", async () => {
    const page = await adminPage({ width: 390, height: 844 });
    await page.locator(`[data-service="${VICTIM}"][data-state="down"]`).waitFor({ timeout: 60_000 });
    await page.locator('[data-service="orders"][data-state="up"]').waitFor({ timeout: 60_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, SUITE, "mobile");
  }, 240_000);
});

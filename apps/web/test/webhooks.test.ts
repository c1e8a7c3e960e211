// Outbound webhooks (#24) on the whole platform (dev launcher, production web build, headless
// Chromium), desktop and phone: a superadmin opens Webhooks from the admin nav, creates an
// endpoint pointing at a local receiver (Bun.serve on 127.0.0.1), copies the secret shown once,
// sends a test event and sees the delivery row succeed, with its log; the receiver checks the
// signature with standardwebhooks' Webhook.verify and the secret the page showed. Screenshots and axe.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DEMO_USERS } from "@mercato/identity/demo";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { seriousViolations } from "./axe.ts";
import { hydratedGoto, launchBrowser, type Platform, shot, startPlatform } from "./platform.ts";

const SUITE = "webhooks";
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

const superadmin = (() => {
  const found = DEMO_USERS.find((u) => u.role === "superadmin");
  if (!found) throw new Error("no demo superadmin");
  return { email: found.email, password: found.password };
})();

interface Received {
  path: string;
  id: string;
  body: string;
  headers: Record<string, string>;
}
const received: Received[] = [];
const receiver = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  async fetch(req) {
    const h = (n: string) => req.headers.get(n) ?? "";
    received.push({
      path: new URL(req.url).pathname,
      id: h("webhook-id"),
      body: await req.text(),
      headers: {
        "webhook-id": h("webhook-id"),
        "webhook-timestamp": h("webhook-timestamp"),
        "webhook-signature": h("webhook-signature"),
      },
    });
    return new Response("thanks");
  },
});

let platform: Platform;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await platform?.stop();
  receiver.stop(true);
}, 60_000);

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId: "UTC" });
  contexts.push(context);
  return hydratedGoto(await context.newPage());
}

async function signIn(page: Page, next: string) {
  await page.goto(`${platform.webUrl}/account/sign-in?next=${encodeURIComponent(next)}`);
  await page.locator("#email").fill(superadmin.email);
  await page.locator("#password").fill(superadmin.password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL((url) => url.pathname === next, { timeout: 30_000 });
}

describe("admin webhooks", () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    test(`${name}: create an endpoint, send a test event, see the delivery and its log`, async () => {
      const page = await newPage(viewport);
      try {
        await signIn(page, "/admin");
        // The nav names the section (on the phone it sits behind the menu button).
        const nav = page.getByRole("link", { name: "Webhooks", exact: true });
        if (!(await nav.isVisible())) await page.getByRole("button", { name: /menu/i }).first().click();
        await nav.click();
        await page.waitForURL((url) => url.pathname === "/admin/webhooks", { timeout: 30_000 });
        await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();

        // Bad input first: the service's refusal shows on the field it names, nothing is created.
        const path = `/hooks/${name}`;
        await page.getByLabel("Endpoint URL").fill(`http://127.0.0.1:${receiver.port}${path}`);
        await page.getByRole("button", { name: "Create endpoint" }).click();
        await page.locator("#eventTypes-error").waitFor({ timeout: 20_000 });

        await page.getByLabel("Description").fill(`ERP (${name})`);
        await page.getByRole("checkbox", { name: "order.paid" }).check();
        await page.getByRole("button", { name: "Create endpoint" }).click();
        const secretText = await page.getByTestId("webhook-secret").textContent({ timeout: 20_000 });
        const secret = secretText?.trim() ?? "";
        expect(secret).toMatch(/^whsec_/);
        await shot(page, SUITE, `created-${name}`);
        expect(await seriousViolations(page)).toEqual([]);

        await page.getByRole("link", { name: "Open the endpoint" }).click();
        await page.getByRole("heading", { name: "Webhook endpoint", level: 1 }).waitFor({ timeout: 30_000 });
        await page.getByRole("button", { name: "Send test event" }).click();
        const row = page.locator('[data-testid="webhook-delivery-row"][data-status="succeeded"]');
        await row.first().waitFor({ timeout: 30_000 });

        const hit = received.find((r) => r.path === path);
        if (!hit) throw new Error("the receiver got nothing");
        expect(new Webhook(secret).verify(hit.body, hit.headers)).toMatchObject({ type: "webhook.test" });
        expect(await row.first().textContent()).toContain(hit.id);

        await page.getByRole("button", { name: `Show the log of ${hit.id}` }).click();
        const log = page.getByTestId("webhook-delivery-log");
        await log.waitFor({ timeout: 20_000 });
        expect(await log.textContent()).toContain("200");
        expect(await log.textContent()).toContain("thanks");
        await shot(page, SUITE, `delivery-${name}`);
        expect(await seriousViolations(page)).toEqual([]);
      } catch (err) {
        await shot(page, SUITE, `failure-${name}`).catch(() => undefined);
        throw err;
      }
    }, 180_000);
  }
});

// Live staff alerts and the support chat (#22) on the whole platform (dev launcher, production web
// build, headless Chromium), desktop and phone: an admin on /admin/alerts sees a low-stock alert
// appear live (the bell's count goes up) when a SKU's stock drops to its threshold, and a shopper
// and a support agent exchange messages live (account page ↔ /admin/support). Screenshots and axe.
import { beforeAll, describe, expect, test } from "bun:test";
import type { MercatoClient } from "@mercato/client";
import type { Page } from "playwright-core";
import { seriousViolations } from "./axe.ts";
import { browserSuite, demoUser, signInThroughForm as signIn } from "./browser-suite.ts";
import { shot } from "./platform.ts";

const SUITE = "alerts-chat";
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

const suite = browserSuite(SUITE);
const demo = demoUser;
let admin: MercatoClient;

beforeAll(async () => {
  admin = await suite.client(demo("superadmin"));
});

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  return suite.newPage("desktop", { viewport });
}

async function withFailureShot(pages: Page[], name: string, steps: () => Promise<void>) {
  try {
    await steps();
  } catch (err) {
    for (const [i, page] of pages.entries()) await shot(page, SUITE, `failure-${name}-${i}`).catch(() => undefined);
    throw err;
  }
}

/** The bell's unread count (0 when it shows none). */
async function bellCount(page: Page): Promise<number> {
  const badge = page.getByTestId("alert-count");
  if ((await badge.count()) === 0) return 0;
  return Number(await badge.textContent());
}

describe("live staff alerts", () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    test(`${name}: a low-stock alert appears live and the bell counts it`, async () => {
      const page = await newPage(viewport);
      await withFailureShot([page], `alert-${name}`, async () => {
        await signIn(page, demo("superadmin"), "/admin");
        await page.goto(`${suite.platform.webUrl}/admin/alerts`);
        await page.getByRole("heading", { name: "Alerts", level: 1 }).waitFor();
        // The bell's stream open and its first count read, so the next alert must move it.
        await page.locator('[data-testid="alert-bell"][data-live="true"]').waitFor({ timeout: 30_000 });
        const before = await bellCount(page);

        const stock = await admin.inventory.admin.list.query({ limit: 100 });
        const level = stock.items.find((l) => l.available >= 4 && !l.lowStock);
        if (!level) throw new Error("no demo SKU with stock above its threshold");
        await admin.inventory.admin.setLowStockThreshold.mutate({ sku: level.sku, threshold: level.available - 1 });
        await admin.inventory.admin.adjust.mutate({
          sku: level.sku,
          kind: "correct",
          quantity: -1,
          reason: "sold in store",
        });

        const row = page.getByTestId("alert-row").filter({ hasText: level.sku });
        await row.first().waitFor({ timeout: 20_000 });
        await page.waitForFunction(
          (n) => Number(document.querySelector('[data-testid="alert-count"]')?.textContent ?? "0") === n,
          before + 1,
          { timeout: 20_000 },
        );
        expect(await bellCount(page)).toBe(before + 1);
        expect(await row.first().getAttribute("data-kind")).toBe("low_stock");
        await shot(page, SUITE, `alerts-${name}`);
        expect(await seriousViolations(page)).toEqual([]);

        // Acknowledged by the admin: the bell goes back down and the row names who.
        await page.getByRole("button", { name: `Acknowledge Low stock ${level.sku}` }).click();
        await page.waitForFunction(
          (n) => Number(document.querySelector('[data-testid="alert-count"]')?.textContent ?? "0") === n,
          before,
          { timeout: 20_000 },
        );
        await page
          .getByRole("row")
          .filter({ hasText: level.sku })
          .first()
          .getByText(demo("superadmin").email)
          .waitFor();
        await shot(page, SUITE, `alerts-acknowledged-${name}`);
      });
    }, 120_000);
  }
});

describe("support chat", () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    test(`${name}: a shopper and support exchange messages live`, async () => {
      const shopper = await newPage(viewport);
      const agent = await newPage(viewport);
      await withFailureShot([shopper, agent], `chat-${name}`, async () => {
        await signIn(shopper, demo("customer"), "/account");
        await signIn(agent, demo("support"), "/admin");
        await agent.goto(`${suite.platform.webUrl}/admin/support`);
        await agent.getByRole("heading", { name: "Support", level: 1 }).waitFor();
        // Attached, not visible: an empty inbox list has no height.
        await agent
          .locator('[data-testid="support-inbox"][data-live="true"]')
          .waitFor({ state: "attached", timeout: 30_000 });

        const chat = shopper.getByTestId("support-chat");
        await chat.scrollIntoViewIfNeeded();
        const question = `Where is my parcel? <b>${name}</b>`;
        await chat.getByLabel("Your message").fill(question);
        await chat.getByRole("button", { name: "Send" }).click();
        // Shown as text, markup and all.
        await chat.getByTestId("chat-message").filter({ hasText: question }).waitFor();
        expect(await chat.locator("b").count()).toBe(0);

        // The agent's inbox hears of it live; they open it and answer.
        const entry = agent
          .getByTestId("support-inbox")
          .getByRole("button")
          .filter({ hasText: demo("customer").email });
        await entry.filter({ hasText: `Where is my parcel?` }).first().waitFor({ timeout: 20_000 });
        await entry.first().click();
        await agent.getByTestId("chat-message").filter({ hasText: question }).waitFor();
        // The shopper's conversation stream is open before the answer goes, so it must arrive live.
        await shopper.locator('[data-testid="support-chat"][data-live="true"]').waitFor({ timeout: 30_000 });
        const answer = `It left the warehouse today (${name}).`;
        await agent.getByLabel("Your answer").fill(answer);
        await agent.getByRole("button", { name: "Send answer" }).click();

        // The shopper sees the answer arrive without reloading.
        await chat.getByTestId("chat-message").filter({ hasText: answer }).waitFor({ timeout: 20_000 });
        expect(await chat.getByTestId("chat-message").filter({ hasText: answer }).getAttribute("data-author")).toBe(
          "staff",
        );
        await shot(shopper, SUITE, `chat-shopper-${name}`);
        await shot(agent, SUITE, `chat-support-${name}`);
        expect(await seriousViolations(agent)).toEqual([]);
        expect(await seriousViolations(shopper)).toEqual([]);
      });
    }, 120_000);
  }
});

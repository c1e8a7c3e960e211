// Staff roles in the admin panel (#20), on the whole platform (dev launcher, production web build,
// headless Chromium): a fulfilment user sees orders but no product editor (the section answers
// with a 403 panel and the server refuses catalog writes naming the permission), and a superadmin
// manages staff and composes a custom role from permission checkboxes. Desktop and mobile, with
// screenshots and axe.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createAuthSession, createMercatoClient } from "@mercato/client";
import { DEMO_USERS } from "@mercato/identity/demo";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seriousViolations } from "./axe.ts";
import { hydratedGoto, launchBrowser, type Platform, shot, startPlatform } from "./platform.ts";

const SUITE = "staff";
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } } as const;

function demo(role: string): { email: string; password: string } {
  const found = DEMO_USERS.find((u) => u.role === role);
  if (!found) throw new Error(`no demo ${role}`);
  return { email: found.email, password: found.password };
}

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
}, 60_000);

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId: "UTC" });
  contexts.push(context);
  return hydratedGoto(await context.newPage());
}

async function signInThroughForm(page: Page, who: { email: string; password: string }) {
  await page.goto(`${platform.webUrl}/account/sign-in?next=/admin`);
  await page.locator("#email").fill(who.email);
  await page.locator("#password").fill(who.password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(/\/admin$/, { timeout: 30_000 });
}

async function withFailureShot(page: Page, name: string, steps: () => Promise<void>) {
  try {
    await steps();
  } catch (err) {
    await shot(page, SUITE, `failure-${name}`).catch(() => undefined);
    throw err;
  }
}

describe("staff roles in the admin", () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    test(`${name}: a fulfilment user sees orders but no product editor`, async () => {
      const page = await newPage(viewport);
      await withFailureShot(page, `fulfilment-${name}`, async () => {
        await signInThroughForm(page, demo("fulfilment"));
        await page.getByTestId("admin-role").getByText("fulfilment").waitFor({ timeout: 15_000 });
        // No sales figures for a role without analytics.read: the dashboard says so instead of failing.
        await page
          .locator("#admin-main")
          .getByText("the menu shows what your role may do")
          .waitFor({ timeout: 15_000 });
        if (name === "mobile") await page.getByRole("button", { name: "Menu" }).click();
        const nav = page.getByRole("navigation", { name: "Admin" });
        await nav.getByRole("link", { name: "Orders" }).waitFor();
        for (const hidden of ["Products", "Categories", "Staff", "Discounts", "Regions"]) {
          expect(await nav.getByRole("link", { name: hidden, exact: true }).count(), hidden).toBe(0);
        }
        await shot(page, SUITE, `fulfilment-nav-${name}`);
        expect(await seriousViolations(page)).toEqual([]);

        await page.goto(`${platform.webUrl}/admin/products`);
        const main = page.locator("#admin-main");
        await main.getByText("403 · Forbidden").waitFor({ timeout: 15_000 });
        await main.getByText("catalog.write").first().waitFor();
        expect(await main.getByRole("link", { name: /new product/i }).count()).toBe(0);
        await shot(page, SUITE, `fulfilment-products-${name}`);
        expect(await seriousViolations(page)).toEqual([]);

        await page.goto(`${platform.webUrl}/admin/orders`);
        await main.getByRole("heading", { name: "Orders" }).first().waitFor({ timeout: 15_000 });
        expect(await main.getByText("403 · Forbidden").count()).toBe(0);
        await shot(page, SUITE, `fulfilment-orders-${name}`);
      });
    }, 120_000);
  }

  test("the server refuses a fulfilment user's catalog write naming the permission; shipping passes the guard", async () => {
    const session = createAuthSession({ baseUrl: platform.gatewayUrl });
    await session.signIn(demo("fulfilment"));
    const client = createMercatoClient({ baseUrl: platform.gatewayUrl, getToken: () => session.getToken() });
    const refused = await client.catalog.admin.products.archive.mutate({ id: "no-such-product" }).then(
      () => undefined,
      (err: unknown) => err as { message: string; data?: { code?: string; field?: string } },
    );
    expect(refused?.data).toMatchObject({ code: "FORBIDDEN", field: "permission" });
    expect(refused?.message).toContain("catalog.write");
    // orders.fulfil is the fulfilment role's: past the guard, the order is simply not there.
    const ship = await client.orders.admin.ship
      .mutate({ orderId: "no-such-order", carrier: "DHL", trackingNumber: "1" })
      .then(
        () => "OK",
        (err: unknown) => (err as { data?: { code?: string } }).data?.code,
      );
    expect(ship).not.toBe("FORBIDDEN");
    expect(ship).not.toBe("UNAUTHORIZED");
  }, 60_000);

  test("a superadmin sees the staff and composes a custom role from permissions", async () => {
    const page = await newPage(VIEWPORTS.desktop);
    await withFailureShot(page, "superadmin-staff", async () => {
      await signInThroughForm(page, demo("superadmin"));
      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Staff" }).click();
      await page.waitForURL(/\/admin\/staff$/);
      const main = page.locator("#admin-main");
      await main.getByRole("cell", { name: demo("fulfilment").email, exact: true }).waitFor({ timeout: 15_000 });
      await main.locator("#roleId").fill("night_shift");
      await main.locator("#roleLabel").fill("Night shift");
      await main.getByRole("checkbox", { name: /orders\.read/ }).check();
      await main.getByRole("checkbox", { name: /orders\.fulfil/ }).check();
      await main.getByRole("button", { name: "Save role" }).click();
      await main.getByRole("cell", { name: /Night shift/ }).waitFor({ timeout: 15_000 });
      await shot(page, SUITE, "superadmin-staff-desktop");
      expect(await seriousViolations(page)).toEqual([]);
    });
  }, 120_000);
});

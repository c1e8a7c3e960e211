// Staff roles in the admin panel (#20), on the whole platform (dev launcher, production web build,
// headless Chromium): a fulfilment user sees orders but no product editor (the section answers
// with a 403 panel and the server refuses catalog writes naming the permission), and a superadmin
// manages staff and composes a custom role from permission checkboxes. Desktop and mobile, with
// screenshots and axe.
import { describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { seriousViolations } from "./axe.ts";
import { browserSuite, type Credentials, demoUser, signInThroughForm as signInAt } from "./browser-suite.ts";
import { shot } from "./platform.ts";

const SUITE = "staff";
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } } as const;

const suite = browserSuite(SUITE);
const { withFailureShot } = suite;
const demo = demoUser;

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  return suite.newPage("desktop", { viewport });
}

const signInThroughForm = (page: Page, who: Credentials) => signInAt(page, who, "/admin");

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

        await page.goto(`${suite.platform.webUrl}/admin/products`);
        const main = page.locator("#admin-main");
        await main.getByText("403 · Forbidden").waitFor({ timeout: 15_000 });
        await main.getByText("catalog.write").first().waitFor();
        expect(await main.getByRole("link", { name: /new product/i }).count()).toBe(0);
        await shot(page, SUITE, `fulfilment-products-${name}`);
        expect(await seriousViolations(page)).toEqual([]);

        await page.goto(`${suite.platform.webUrl}/admin/orders`);
        await main.getByRole("heading", { name: "Orders" }).first().waitFor({ timeout: 15_000 });
        expect(await main.getByText("403 · Forbidden").count()).toBe(0);
        await shot(page, SUITE, `fulfilment-orders-${name}`);
      });
    }, 120_000);
  }

  test("the server refuses a fulfilment user's catalog write naming the permission; shipping passes the guard", async () => {
    const client = await suite.client(demo("fulfilment"));
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

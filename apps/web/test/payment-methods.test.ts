// Saved payment methods in the storefront (#20), on the whole platform (dev launcher, production
// web build, the test payment provider): a shopper signs up, saves a test card in the account
// (after a declined one is refused under its field), pays an order with it at the pay step
// without typing it, then removes it. Desktop and phone, screenshots, axe-core on each page.
import { describe, expect, test } from "bun:test";
import type { BrowserContext, Page } from "playwright-core";
import { allViolations } from "./axe.ts";
import { browserSuite } from "./browser-suite.ts";
import { shot } from "./platform.ts";

const SUITE = "payment-methods";
const suite = browserSuite(SUITE);

const VIEWPORTS = { desktop: { width: 1366, height: 900 }, mobile: { width: 390, height: 844 } } as const;
type ViewportName = keyof typeof VIEWPORTS;

async function newPage(viewport: ViewportName): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  // A German browser: the shop opens in the Europe region, where the Berlin address ships.
  const page = await suite.newPage("desktop", {
    viewport: VIEWPORTS[viewport],
    locale: "de-DE",
    ...(viewport === "mobile" ? { isMobile: true, hasTouch: true } : {}),
  });
  const context = page.context();
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(`page error: ${err.message}`));
  return { context, page, errors };
}

/** Axe on the page once React's streamed chunks have settled. */
async function axe(page: Page, name: string): Promise<string[]> {
  await page.waitForFunction(() => document.querySelector('div[hidden][id^="S:"]') === null);
  return (await allViolations(page)).map((v) => `${name}: ${v}`);
}

async function fillCard(page: Page, number: string) {
  const main = page.locator("#main");
  await main.getByLabel("Card number").fill(number);
  await main.getByLabel("Expiry").fill("12 / 34");
  await main.getByLabel("CVC").fill("123");
  await main.getByRole("button", { name: "Save card" }).click();
}

describe("saved payment methods", () => {
  for (const viewport of ["desktop", "mobile"] as const) {
    test(`${viewport}: save a test card, pay an order with it, remove it`, async () => {
      const { context, page, errors } = await newPage(viewport);
      const main = page.locator("#main");
      const report: string[] = [];

      // Sign up, landing on the account's payment methods.
      const email = `cards-${viewport}-${Date.now()}@example.com`;
      await page.goto("/account/sign-up?next=/account/payment-methods");
      await main.getByLabel("Name").fill("Casey Cards");
      await main.getByLabel("Email").fill(email);
      await main.getByLabel("Password").fill("Saved-cards-are-handy-2026");
      await main.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(/\/account\/payment-methods$/);
      await main.getByRole("heading", { name: "Payment methods", level: 1 }).waitFor();
      await main.getByText("No saved cards yet").waitFor();
      await shot(page, SUITE, `${viewport}-01-none-saved`);
      report.push(...(await axe(page, "empty")));

      // A declined card is not saved: the reason is under the number.
      await fillCard(page, "4000 0000 0000 0002");
      await main
        .getByText(/declined/)
        .first()
        .waitFor();
      expect(await main.getByTestId("saved-card").count()).toBe(0);
      await shot(page, SUITE, `${viewport}-02-declined-not-saved`);
      report.push(...(await axe(page, "declined")));

      // A good one is saved and listed with brand, last 4 and expiry; the number is never shown.
      await fillCard(page, "4242 4242 4242 4242");
      await main.getByRole("status").filter({ hasText: "Visa ending in 4242 saved." }).waitFor();
      const card = main.getByTestId("saved-card");
      await card.first().waitFor();
      expect(await card.count()).toBe(1);
      const text = (await card.first().textContent()) ?? "";
      expect(text).toContain("Visa ending in 4242");
      expect(text).toContain("Expires 12/34");
      expect(text).not.toContain("4242 4242");
      await shot(page, SUITE, `${viewport}-03-card-saved`);
      report.push(...(await axe(page, "saved")));

      // An order, paid at the pay step with the saved card: no card typed.
      await page.goto("/p/denim-trucker-jacket");
      await page.getByRole("button", { name: "Add to cart" }).click();
      const drawer = page.getByRole("dialog", { name: /Your cart/ });
      await drawer
        .getByTestId("cart-line")
        .first()
        .waitFor()
        .catch(async (err) => {
          await shot(page, SUITE, `${viewport}-failed-add-to-cart`);
          throw err;
        });
      await drawer.getByRole("link", { name: "Checkout" }).click();
      await page.waitForURL(/\/checkout$/);
      await page.getByRole("heading", { name: "Shipping address" }).waitFor();
      const name = page.locator("input[name=shipping-name]");
      if (!(await name.inputValue())) {
        await name.fill("Casey Cards");
        await page.locator("input[name=shipping-line1]").fill("Invalidenstraße 116");
        await page.locator("input[name=shipping-postalCode]").fill("10115");
        await page.locator("input[name=shipping-city]").fill("Berlin");
        await page.locator("select[name=shipping-country]").selectOption("DE");
      }
      await page.getByRole("button", { name: "Continue to payment" }).click();
      await page.waitForURL(/\/checkout\/pay\//, { timeout: 60_000 });
      const orderId = decodeURIComponent(page.url().split("/checkout/pay/")[1] ?? "");
      const saved = main.getByRole("group", { name: "Pay with a saved card" });
      await saved.waitFor({ timeout: 60_000 });
      expect(await saved.getByRole("radio", { name: /Visa ending in 4242/ }).isChecked()).toBe(true);
      await shot(page, SUITE, `${viewport}-04-pay-step-saved-card`);
      report.push(...(await axe(page, "pay step")));
      await main.getByRole("button", { name: "Pay with saved card" }).click();
      await page.waitForURL(new RegExp(`/account/orders/${orderId}`));
      await page.locator("[data-testid=payment-status][data-status=PAID]").first().waitFor({ timeout: 60_000 });
      await shot(page, SUITE, `${viewport}-05-order-paid`);

      // Removed from the account: the list is empty again.
      await page.goto("/account/payment-methods");
      await main.getByTestId("saved-card").first().waitFor();
      await main.getByRole("button", { name: "Remove Visa ending in 4242" }).click();
      await main.getByText("No saved cards yet").waitFor();
      await main.getByRole("status").filter({ hasText: "Visa ending in 4242 removed." }).waitFor();
      await shot(page, SUITE, `${viewport}-06-card-removed`);
      report.push(...(await axe(page, "removed")));

      expect(report).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 240_000);
  }
});

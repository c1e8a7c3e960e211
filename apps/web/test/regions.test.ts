// The storefront in the shopper's region (#18), on the whole platform (dev launcher, production web
// build): a shopper whose browser speaks French starts in Europe, switches to the United Kingdom and
// sees every price in pounds, buys with express shipping, pays, and reads the UK VAT line on the
// order page and in the confirmation email. On a phone, a US shopper starts in dollars (tax added),
// is told a euro code does not apply, gives a Californian address and sees California's sales tax;
// then switches region from the menu.
// axe-core checks each page touched for serious or critical violations.
import { expect, test } from "bun:test";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { seriousViolations } from "./axe.ts";
import { browserSuite } from "./browser-suite.ts";
import { ARTIFACTS, shot } from "./platform.ts";

const SUITE = "regions";
const PRODUCT = "/p/denim-trucker-jacket";
const suite = browserSuite(SUITE);

async function newPage(
  locale: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page }> {
  // The locale sets Accept-Language, which picks the first region for a shopper who has not chosen.
  const page = await suite.newPage("desktop", { viewport, locale, timezoneId: "UTC" });
  const context = page.context();
  return { context, page };
}

/** axe on the page as it is now: no serious or critical violation. */
async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

/** The product page's price, once it is in the expected currency. */
async function priceShowing(page: Page, symbol: string): Promise<string> {
  const price = page.locator("[aria-live=polite] span.text-2xl").first();
  await page.waitForFunction(
    (s) => document.querySelector("[aria-live=polite] span.text-2xl")?.textContent?.includes(s),
    symbol,
    { timeout: 30_000 },
  );
  return (await price.textContent()) ?? "";
}

async function fillAddress(page: Page, address: { line1: string; postalCode: string; city: string }): Promise<void> {
  await page.locator("input[name=shipping-name]").fill("Robin Region");
  await page.locator("input[name=shipping-line1]").fill(address.line1);
  await page.locator("input[name=shipping-postalCode]").fill(address.postalCode);
  await page.locator("input[name=shipping-city]").fill(address.city);
}

test("switch to the United Kingdom, buy with express shipping, read UK VAT on the order and in the email", async () => {
  const { context, page } = await newPage("fr-FR");
  const email = `uk-${Date.now()}@example.com`;

  // A French browser starts in Europe: euros, VAT included.
  await page.goto("/");
  await page.getByRole("heading", { name: "New arrivals" }).waitFor();
  const picker = page.locator("header [data-testid=region-picker]:visible");
  expect(await picker.inputValue()).toBe("eu");
  expect(await page.getByTestId("tax-note").first().textContent()).toBe("Prices in EUR, incl. VAT");
  const homePrices = await page.locator("[data-testid=product-card] p.text-sm").allTextContents();
  expect(homePrices.length).toBeGreaterThan(0);
  expect(homePrices.every((p) => p.includes("€"))).toBe(true);
  await expectAccessible(page);
  await shot(page, SUITE, "01-home-eu");

  // The product in euros, then the picker moves the shopper to the United Kingdom: pounds.
  await page.goto(PRODUCT);
  const euro = await priceShowing(page, "€");
  expect(await page.getByTestId("price-tax-note").textContent()).toBe("incl. VAT");
  await picker.selectOption("uk");
  const pound = await priceShowing(page, "£");
  expect(pound).not.toBe(euro);
  expect(await picker.inputValue()).toBe("uk");
  expect(await picker.locator("option:checked").textContent()).toBe("United Kingdom · £ GBP");
  await expectAccessible(page);
  await shot(page, SUITE, "02-product-uk");

  // The pick is remembered: a year, SameSite Lax, not Secure over plain http.
  const cookie = (await context.cookies()).find((c) => c.name === "mercato_region");
  expect(cookie).toMatchObject({ value: "uk", sameSite: "Lax", secure: false });
  expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(360 * 24 * 3600 * 1000);

  // Listings follow too.
  await page.goto("/c/clothing");
  await page.locator("[data-testid=product-card]").first().waitFor();
  const listed = await page.locator("[data-testid=product-card] p.text-sm").allTextContents();
  expect(listed.every((p) => p.includes("£"))).toBe(true);
  expect(await page.getByTestId("tax-note").first().textContent()).toBe("Prices in GBP, incl. VAT");
  // The price filter's buckets and inputs are in pounds too.
  const filters = page.getByRole("complementary", { name: "Filters" });
  await filters.getByLabel("Min (£)").waitFor();
  expect((await filters.getByRole("checkbox", { name: /£/ }).count()) > 0).toBe(true);
  await expectAccessible(page);
  await shot(page, SUITE, "03-category-uk");

  // And search.
  await page.goto("/search?q=jacket");
  await page.locator("[data-testid=product-card]").first().waitFor();
  const found = await page.locator("[data-testid=product-card] p.text-sm").allTextContents();
  expect(found.length).toBeGreaterThan(0);
  expect(found.every((p) => p.includes("£"))).toBe(true);

  // Into the cart (in pounds, UK VAT inside the price).
  await page.goto(PRODUCT);
  await page.getByRole("button", { name: "Add to cart" }).click();
  const drawer = page.getByRole("dialog", { name: /Your cart/ });
  await drawer.getByTestId("cart-line").first().waitFor();
  expect(await drawer.getByTestId("cart-total").textContent()).toContain("£");
  await page.goto("/cart");
  const cartSummary = page.getByRole("complementary", { name: "Order summary" });
  await cartSummary.getByTestId("cart-totals").waitFor();
  const cartVat = cartSummary.getByTestId("tax-line").filter({ hasText: "VAT 20% included" });
  await cartVat.waitFor();
  expect(await cartVat.textContent()).toMatch(/VAT 20% included£\d+\.\d\d/);
  expect(await cartSummary.getByTestId("shipping-estimate").textContent()).toContain(
    "Standard shipping to United Kingdom",
  );
  await expectAccessible(page);
  await shot(page, SUITE, "04-cart-uk");

  // Checkout: only the region's countries; the shipping step offers the UK options.
  await page.getByRole("link", { name: "Checkout" }).click();
  await page.waitForURL(/\/checkout$/);
  await page.getByRole("heading", { name: "Shipping method" }).waitFor();
  const countries = await page
    .locator("select[name=shipping-country] option")
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(countries).toEqual(["GB"]);
  expect(await page.locator("select[name=shipping-subdivision]").count()).toBe(0);
  await page.getByLabel("Email").fill(email);
  await fillAddress(page, { line1: "10 Downing Street", postalCode: "SW1A 2AA", city: "London" });
  const options = await page.getByTestId("shipping-option").allTextContents();
  expect(options).toContain("Express · 1 working day · £9.99");
  expect(options.some((o) => o.startsWith("Standard · 2–4 working days · "))).toBe(true);
  await page.getByRole("radio", { name: /^Express/ }).check();
  const summary = page.getByRole("complementary", { name: "Order summary" });
  await summary.getByText("Shipping (Express)").waitFor();
  expect(await summary.getByTestId("shipping-amount").textContent()).toBe("£9.99");
  await summary.getByTestId("tax-line").filter({ hasText: "VAT 20% included" }).waitFor();
  await expectAccessible(page);
  await shot(page, SUITE, "05-checkout-express");
  // A viewport-sized picture of the shipping step beside the summary (what the README shows).
  await page.getByRole("heading", { name: "Shipping method" }).evaluate((h) => h.scrollIntoView({ block: "center" }));
  await page.screenshot({ path: join(ARTIFACTS, SUITE, "view-checkout-uk.png") });

  // Pay with the test provider; the order page shows the method, the currency and UK VAT.
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.waitForURL(/\/checkout\/pay\//, { timeout: 60_000 });
  const orderId = decodeURIComponent(page.url().split("/checkout/pay/")[1]!);
  await page.getByLabel("Card number").waitFor({ timeout: 60_000 });
  const payVat = page.getByRole("complementary", { name: "Order summary" }).getByTestId("tax-line");
  expect(await payVat.filter({ hasText: "VAT 20% included" }).count()).toBe(1);
  await expectAccessible(page);
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: /Pay now/ }).click();
  await page.waitForURL(new RegExp(`/account/orders/${orderId}`), { timeout: 60_000 });
  await page.locator("[data-testid=payment-status][data-status=PAID]").first().waitFor({ timeout: 60_000 });
  const number = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").replace("Order ", "");
  const orderVat = page.getByTestId("tax-line").filter({ hasText: "VAT 20% included" });
  expect(await orderVat.textContent()).toMatch(/£\d+\.\d\d/);
  expect(await page.getByTestId("shipping-method").textContent()).toContain("Express · 1 working day · £9.99");
  expect(await page.getByTestId("order-currency").textContent()).toContain("GBP");
  await expectAccessible(page);
  await shot(page, SUITE, "06-order-uk");

  // The confirmation email carries the tax line too.
  const deadline = Date.now() + 30_000;
  for (;;) {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
    const row = page.getByTestId("mail-row").filter({ hasText: number });
    if ((await row.count()) > 0) {
      await row.first().click();
      break;
    }
    if (Date.now() > deadline) throw new Error(`no email for order ${number} to ${email}`);
    await Bun.sleep(500);
  }
  const mail = (await page.locator("iframe[srcdoc]").getAttribute("srcdoc")) ?? "";
  expect(mail).toContain(number);
  expect(mail).toContain("VAT 20%");
  expect(mail).toContain("£");
  await shot(page, SUITE, "07-mailbox-uk");
  await context.close();
}, 300_000);

test("on a phone: a US shopper sees dollars excluding tax, California's sales tax at checkout, and switches from the menu", async () => {
  const { context, page } = await newPage("en-US", { width: 390, height: 844 });

  await page.goto(PRODUCT);
  await priceShowing(page, "$");
  expect(await page.getByTestId("price-tax-note").textContent()).toBe("excl. tax");
  // On a phone the picker lives in the menu.
  expect(await page.locator("header [data-testid=region-picker]:visible").count()).toBe(0);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page
    .getByRole("dialog", { name: /Your cart/ })
    .getByTestId("cart-line")
    .first()
    .waitFor();
  await shot(page, SUITE, "08-phone-product-us");

  // A fixed-amount code in euros does not apply to a cart in dollars, and the cart says why.
  await page.goto("/cart");
  const cartSummary = page.getByRole("complementary", { name: "Order summary" });
  await cartSummary.getByLabel("Discount code").fill("SAVE5");
  await cartSummary.getByRole("button", { name: "Apply" }).click();
  await cartSummary.getByText(/SAVE5.* is an amount in EUR and this cart is in USD/).waitFor();
  await expectAccessible(page);
  await shot(page, SUITE, "08b-phone-cart-wrong-currency");

  await page.goto("/checkout");
  await page.getByRole("heading", { name: "Shipping method" }).waitFor();
  // The US rates depend on the state: the form asks for one, from a list.
  const state = page.locator("select[name=shipping-subdivision]");
  await state.waitFor();
  await fillAddress(page, { line1: "1 Market Street", postalCode: "94105", city: "San Francisco" });
  await state.selectOption("CA");
  const summary = page.getByRole("complementary", { name: "Order summary" });
  const caTax = summary.getByTestId("tax-line").filter({ hasText: "CA sales tax 7.25%" });
  await caTax.waitFor();
  expect(await caTax.textContent()).toMatch(/CA sales tax 7\.25%(US)?\$\d+\.\d\d/);
  await expectAccessible(page);
  await shot(page, SUITE, "09-phone-checkout-us");

  // The menu's picker: to the United Kingdom; the cart follows (pounds, VAT included).
  await page.goto(PRODUCT);
  await page.getByTestId("mobile-menu").locator("summary").click();
  const menuPicker = page.getByTestId("mobile-menu").getByTestId("region-picker");
  expect(await menuPicker.inputValue()).toBe("us");
  await expectAccessible(page);
  await shot(page, SUITE, "10-phone-menu");
  await menuPicker.selectOption("uk");
  await priceShowing(page, "£");
  await page.goto("/cart");
  const summary2 = page.getByRole("complementary", { name: "Order summary" });
  await summary2.getByTestId("tax-line").filter({ hasText: "VAT 20% included" }).waitFor();
  expect(await summary2.getByTestId("cart-total").textContent()).toContain("£");
  await shot(page, SUITE, "11-phone-cart-uk");
  await context.close();
}, 240_000);

test("a signed-in shopper without a pick starts in their address's region, whatever the browser's language", async () => {
  // The demo shopper's saved address is in the Netherlands; the browser says American English.
  const { context, page } = await newPage("en-US");
  await page.goto(`/account/sign-in?next=${encodeURIComponent(PRODUCT)}`);
  await page.getByLabel("Email").fill("shopper@mercato.dev");
  await page.getByLabel("Password").fill("mercato-shopper-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(new RegExp(PRODUCT));
  await page.reload();
  await priceShowing(page, "€");
  expect(await page.locator("header [data-testid=region-picker]:visible").inputValue()).toBe("eu");
  expect((await context.cookies()).some((c) => c.name === "mercato_region")).toBe(false);

  // The account's address book offers every country some region sells to.
  await page.goto("/account");
  await page.getByRole("button", { name: "Add an address" }).click();
  const countries = await page
    .locator("select[name=shipping-country] option")
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(countries).toEqual(expect.arrayContaining(["FR", "GB", "US"]));
  await expectAccessible(page);
  await shot(page, SUITE, "12-account-address");
  await context.close();
}, 120_000);

// The storefront as shoppers meet it, on the whole platform (dev launcher, production web build):
// a guest browses, filters, searches with a typo, picks a variant, uses a discount code, is
// declined then pays, watches the order turn PAID live and finds the confirmation email; then a
// signed-in shopper buys and finds the order in their history.
import { expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { browserSuite } from "./browser-suite.ts";
import { ARTIFACTS, shot } from "./platform.ts";

const SUITE = "storefront";
const suite = browserSuite(SUITE);

/** A viewport-sized screenshot (what the README shows), beside the full-page ones. */
async function viewShot(page: Page, name: string): Promise<void> {
  const dir = join(ARTIFACTS, SUITE);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `view-${name}.png`) });
}

async function newPage(viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
  // A German browser: the shop opens in the Europe region (euros), where the Berlin address ships.
  const page = await suite.newPage("desktop", { viewport, locale: "de-DE" });
  const context = page.context();
  return { context, page };
}

async function resultCount(page: Page): Promise<number> {
  const text = (await page.locator("#main").getByTestId("result-count").textContent()) ?? "";
  return Number(text.match(/^(\d+)/)?.[1] ?? Number.NaN);
}

/** Fills the checkout's shipping address and submits it; resolves on the payment page. */
async function placeOrder(page: Page, email: string | null): Promise<string> {
  await page.waitForURL(/\/checkout$/);
  await page.getByRole("heading", { name: "Shipping address" }).waitFor();
  if (email) await page.getByLabel("Email").fill(email);
  const name = page.locator("input[name=shipping-name]");
  if (!(await name.inputValue())) {
    await name.fill("Alex Guest");
    await page.locator("input[name=shipping-line1]").fill("Invalidenstraße 116");
    await page.locator("input[name=shipping-postalCode]").fill("10115");
    await page.locator("input[name=shipping-city]").fill("Berlin");
    await page.locator("select[name=shipping-country]").selectOption("DE");
  }
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.waitForURL(/\/checkout\/pay\//, { timeout: 60_000 });
  return decodeURIComponent(page.url().split("/checkout/pay/")[1]!);
}

async function payWith(page: Page, card: string): Promise<void> {
  const input = page.getByLabel("Card number");
  await input.waitFor({ timeout: 60_000 });
  await input.fill(card);
  await page.getByRole("button", { name: /Pay now|Try again/ }).click();
}

/** Waits for the order page's payment status badge to say `status` (PAID…). */
async function waitForPaymentStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[data-testid=payment-status][data-status=${status}]`).first().waitFor({ timeout: 60_000 });
}

test("a guest browses, filters, searches, buys with a code after a decline, and gets the email", async () => {
  const { context, page } = await newPage();
  const email = `guest-${Date.now()}@example.com`;

  // Home, then a category from the header.
  await page.goto("/");
  await page.getByRole("heading", { name: "New arrivals" }).waitFor();
  await shot(page, SUITE, "01-home");
  await viewShot(page, "home");
  await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Clothing" }).click();
  await page.waitForURL(/\/c\/clothing/);
  await page.getByRole("heading", { name: "Clothing", level: 1 }).waitFor();
  const all = await resultCount(page);
  expect(all).toBeGreaterThan(5);
  await shot(page, SUITE, "02-category");

  // A brand filter narrows the listing and lives in the URL.
  const filters = page.getByRole("complementary", { name: "Filters" });
  await filters.getByRole("checkbox", { name: /Northwind/ }).click();
  await page.waitForURL(/brand=Northwind/);
  await page.waitForFunction((before) => {
    const text = document.querySelector("[data-testid=result-count]")?.textContent ?? "";
    return Number(text.match(/^(\d+)/)?.[1]) < before;
  }, all);
  const filtered = await resultCount(page);
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(all);
  const brands = await page.locator("[data-testid=product-card] p.uppercase").allTextContents();
  expect(brands.every((b) => b.toLowerCase() === "northwind")).toBe(true);
  await shot(page, SUITE, "03-category-filtered");
  await viewShot(page, "category");
  // The back button restores the unfiltered listing.
  await page.goBack();
  await page.waitForURL((url) => !url.search.includes("brand="));
  await page.waitForFunction(
    (n) => document.querySelector("[data-testid=result-count]")?.textContent?.startsWith(`${n} `),
    all,
  );

  // Search as you type, with a typo: "jackt" still finds jackets.
  await page.getByLabel("Search products").fill("jackt");
  await page.waitForURL(/\/search\?q=jackt/);
  await page.getByRole("heading", { name: /Results for/ }).waitFor();
  await page.locator("[data-testid=product-card]").first().waitFor();
  const titles = await page.locator("[data-testid=product-card] h3").allTextContents();
  expect(titles.some((t) => /jacket/i.test(t))).toBe(true);
  await shot(page, SUITE, "04-search-typo");

  // A product: pick a variant; price, SKU and stock follow the choice.
  await page.locator("[data-testid=product-card]", { hasText: "Denim Trucker Jacket" }).first().click();
  await page.waitForURL(/\/p\//);
  await page.getByRole("heading", { level: 1, name: "Denim Trucker Jacket" }).waitFor();
  const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
  expect(JSON.parse(jsonLd ?? "{}")["@type"]).toBe("Product");
  const skuText = () => page.getByText(/^SKU /).textContent();
  const firstSku = await skuText();
  await page.getByRole("button", { name: "L", exact: true }).click();
  await page.waitForFunction((before) => {
    const el = [...document.querySelectorAll("span")].find((s) => s.textContent?.startsWith("SKU "));
    return el && el.textContent !== before;
  }, firstSku);
  expect(await page.getByRole("button", { name: "L", exact: true }).getAttribute("aria-pressed")).toBe("true");
  await page.getByTestId("stock-level").waitFor();
  expect((await page.getByTestId("stock-level").textContent()) ?? "").toMatch(/In stock|Only \d+ left/);
  await shot(page, SUITE, "05-product");
  await viewShot(page, "product");

  // Add to cart opens the drawer; the code HELLO10 takes 10% off (WELCOME10 is once per customer,
  // so a guest is asked to sign in for it).
  await page.getByRole("button", { name: "Add to cart" }).click();
  const drawer = page.getByRole("dialog", { name: /Your cart/ });
  await drawer.getByTestId("cart-line").first().waitFor();
  expect((await page.getByTestId("cart-count").textContent()) ?? "").toBe("1");
  await drawer.getByLabel("Discount code").fill("hello10");
  await drawer.getByRole("button", { name: "Apply" }).click();
  await drawer.getByTestId("discount-amount").waitFor();
  await shot(page, SUITE, "06-cart-drawer");
  await viewShot(page, "cart-drawer");
  await drawer.getByRole("link", { name: "Checkout" }).click();

  // Checkout as a guest, then a declined card, then a good one on the same payment.
  const orderId = await placeOrder(page, email);
  await shot(page, SUITE, "07-checkout-pay");
  await payWith(page, "4000 0000 0000 0002");
  await page.getByText(/Payment failed\./).waitFor();
  expect(await page.getByRole("alert").filter({ hasText: "declined" }).count()).toBeGreaterThan(0);
  await shot(page, SUITE, "08-declined");
  await viewShot(page, "declined");
  await payWith(page, "4242 4242 4242 4242");
  await page.waitForURL(new RegExp(`/account/orders/${orderId}`));
  await waitForPaymentStatus(page, "PAID");
  const number = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").replace("Order ", "");
  await page.getByRole("heading", { name: "Timeline" }).waitFor();
  await shot(page, SUITE, "09-order-paid");
  await viewShot(page, "order-paid");

  // The confirmation email, in the dev mailbox.
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
  await page.getByTestId("mail-to").waitFor();
  expect((await page.getByTestId("mail-to").textContent()) ?? "").toBe(email);
  const frame = page.locator("iframe[srcdoc]");
  expect(await frame.getAttribute("sandbox")).toBe("");
  expect(await frame.getAttribute("srcdoc")).toContain(number);
  await shot(page, SUITE, "10-mailbox");

  // A phone-sized screen.
  const phone = await newPage({ width: 390, height: 844 });
  await phone.page.goto("/p/denim-trucker-jacket");
  await phone.page.getByRole("button", { name: "Add to cart" }).waitFor();
  // The product page's first-load JavaScript, as a fresh browser downloads it.
  const js = await phone.page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === "script")
      .reduce(
        (sum, e) => {
          const r = e as PerformanceResourceTiming;
          return { encoded: sum.encoded + r.encodedBodySize, decoded: sum.decoded + r.decodedBodySize };
        },
        { encoded: 0, decoded: 0 },
      ),
  );
  console.log(
    `product page first-load JS: ${(js.encoded / 1024).toFixed(0)} kB transferred, ${(js.decoded / 1024).toFixed(0)} kB parsed`,
  );
  expect(js.decoded).toBeGreaterThan(0);
  await phone.page.screenshot({ path: join(ARTIFACTS, SUITE, "view-phone-product.png") });
  await phone.page.goto("/c/footwear");
  await phone.page.locator("[data-testid=product-card]").first().waitFor();
  await phone.page.screenshot({ path: join(ARTIFACTS, SUITE, "view-phone-category.png") });
  await phone.context.close();
  await context.close();
}, 240_000);

test("a signed-in shopper buys and finds the order in their history", async () => {
  const { context, page } = await newPage();
  await page.goto("/account/sign-in?next=/c/kitchen");
  await page.getByLabel("Email").fill("shopper@mercato.dev");
  await page.getByLabel("Password").fill("mercato-shopper-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/c\/kitchen/);
  await page.getByRole("button", { name: /^Sam/ }).waitFor();

  await page.locator("[data-testid=product-card]").first().click();
  await page.waitForURL(/\/p\//);
  await page.getByRole("button", { name: "Add to cart" }).click();
  const drawer = page.getByRole("dialog", { name: /Your cart/ });
  await drawer.getByTestId("cart-line").first().waitFor();
  await drawer.getByRole("link", { name: "Checkout" }).click();
  await page.getByText("Signed in as").waitFor();
  const orderId = await placeOrder(page, null);
  await payWith(page, "4242 4242 4242 4242");
  await page.waitForURL(new RegExp(`/account/orders/${orderId}`));
  await waitForPaymentStatus(page, "PAID");
  const number = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").replace("Order ", "");

  await page.goto("/account/orders");
  const history = page.getByTestId("order-history");
  await history.getByText(`Order ${number}`).waitFor();
  await shot(page, SUITE, "11-order-history");
  await viewShot(page, "order-history");
  await context.close();
}, 120_000);

// Storefront trust (#21), as a shopper's browser meets it on the whole platform (dev launcher,
// production web build): missing pages answer 404, punctuation and over-long searches behave, the
// test card form checks expiry and CVC under the right field, every control shows a focus ring,
// a skip link comes first, axe-core finds nothing on the shop's pages, and guest pages log no
// console error or failed request. Desktop and phone; screenshots in test-artifacts/trust.
import { beforeAll, describe, expect, test } from "bun:test";
import { setStock } from "@mercato/testing";
import type { BrowserContext, Page } from "playwright-core";
import { allViolations } from "./axe.ts";
import { ADMIN, browserSuite, type ViewportName, watchProblems } from "./browser-suite.ts";
import { shot } from "./platform.ts";

const SUITE = "trust";
const suite = browserSuite(SUITE);

beforeAll(async () => {
  // Enough jackets for every purchase and cart here (four orders, carts that hold units), whatever
  // the demo stock: a sold-out jacket has no Add to cart.
  const admin = await suite.client(ADMIN);
  const jacket = await admin.catalog.products.bySlug.query({ slug: "denim-trucker-jacket" });
  for (const v of jacket.variants) await setStock(admin.inventory, v.sku, 50, "trust test");
}, 200_000);

const VIEWPORTS = { desktop: { width: 1366, height: 900 }, mobile: { width: 390, height: 844 } } as const;

interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console errors and failed responses (4xx/5xx, network failures) since the page opened (watchProblems). */
  problems: string[];
  /** Every URL the page asked for. */
  requests: string[];
}

async function newPage(viewport: ViewportName): Promise<Watched> {
  // A German browser: the shop opens in the Europe region, where the Berlin address ships.
  const page = await suite.newPage(viewport, { viewport: VIEWPORTS[viewport], locale: "de-DE" });
  const context = page.context();
  const problems = watchProblems(page);
  const requests: string[] = [];
  page.on("request", (req) => requests.push(req.url()));
  return { context, page, problems, requests };
}

async function resultCount(page: Page): Promise<number> {
  // Inside #main: while React streams a page in, the next chunk waits in a hidden <div> at the end
  // of <body>, so for a moment the count is in the document twice.
  const text = (await page.locator("#main").getByTestId("result-count").textContent()) ?? "";
  return Number(text.match(/^(\d+)/)?.[1] ?? Number.NaN);
}

/** Adds the jacket to the cart from its page, then opens the checkout (cart drawer → Checkout). */
async function toCheckout(page: Page): Promise<void> {
  await page.goto("/p/denim-trucker-jacket");
  await page.getByRole("button", { name: "Add to cart" }).click();
  const drawer = page.getByRole("dialog", { name: /Your cart/ });
  await drawer.getByTestId("cart-line").first().waitFor();
  await drawer.getByRole("link", { name: "Checkout" }).click();
  await page.waitForURL(/\/checkout$/);
  await page.getByRole("heading", { name: "Shipping address" }).waitFor();
}

async function fillAddress(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.locator("input[name=shipping-name]").fill("Alex Guest");
  await page.locator("input[name=shipping-line1]").fill("Invalidenstraße 116");
  await page.locator("input[name=shipping-postalCode]").fill("10115");
  await page.locator("input[name=shipping-city]").fill("Berlin");
  await page.locator("select[name=shipping-country]").selectOption("DE");
}

/** The focused element's description and whether its ring is visible (computed outline or box-shadow). */
async function focusRing(page: Page) {
  return page.evaluate(async () => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    // Buttons transition their colours (outline-color too): read the ring once it has settled.
    await Promise.all(el.getAnimations().map((a) => a.finished.catch(() => undefined)));
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== "none" && Number.parseFloat(s.outlineWidth) >= 2;
    const shadow = s.boxShadow !== "none" && s.boxShadow !== "";
    return {
      what: `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`,
      outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      shadow: s.boxShadow,
      visible: outline || shadow,
      // A white or transparent outline on a white page is no ring.
      outlineColor: s.outlineColor,
    };
  });
}

/** Presses Tab until the focused element matches, checking the ring at every stop on the way. */
async function tabTo(page: Page, name: RegExp, max = 120): Promise<{ presses: number; bare: string[] }> {
  const bare: string[] = [];
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press("Tab");
    const ring = await focusRing(page);
    if (!ring) continue;
    if (!ring.visible || /rgba?\(255, 255, 255|rgba\(0, 0, 0, 0\)/.test(ring.outlineColor))
      bare.push(`${ring.what}: ${ring.outline} / ${ring.shadow}`);
    if (name.test(ring.what)) return { presses, bare };
  }
  throw new Error(`${max} Tab presses never reached ${name}`);
}

/** Presses Tab until the focused element matches `selector`, checking the ring at every stop. */
async function tabToField(page: Page, selector: string, bare: string[], max = 80): Promise<void> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press("Tab");
    const ring = await focusRing(page);
    if (!ring) continue;
    if (!ring.visible || /rgba?\(255, 255, 255|rgba\(0, 0, 0, 0\)/.test(ring.outlineColor))
      bare.push(`${ring.what}: ${ring.outline} / ${ring.shadow}`);
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  throw new Error(`${max} Tab presses never reached ${selector}`);
}

/** Types into the focused field, replacing what it held (keyboard only). */
async function typeHere(page: Page, text: string): Promise<void> {
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(text);
}

describe("honest status codes", () => {
  test("a missing product or category answers 404 with the not-found page; real ones 200", async () => {
    for (const path of ["/p/no-such-product-anywhere", "/c/no-such-category-anywhere"]) {
      const res = await fetch(`${suite.platform.webUrl}${path}`, { headers: { "accept-language": "de-DE" } });
      const html = await res.text();
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(html).toContain("We could not find that page");
    }
    for (const path of ["/p/denim-trucker-jacket", "/c/clothing"]) {
      const res = await fetch(`${suite.platform.webUrl}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
    for (const viewport of ["desktop", "mobile"] as const) {
      const { context, page } = await newPage(viewport);
      const res = await page.goto("/p/no-such-product-anywhere");
      expect(res?.status()).toBe(404);
      await page.getByRole("heading", { name: "We could not find that page" }).waitFor();
      await shot(page, SUITE, `${viewport}-01-product-404`);
      await context.close();
    }
  }, 120_000);
});

describe("search input", () => {
  for (const viewport of ["desktop", "mobile"] as const) {
    test(`${viewport}: punctuation alone finds nothing; an over-long query is cut to the bound`, async () => {
      const { context, page, problems } = await newPage(viewport);
      for (const q of ['"', "*", "("]) {
        await page.goto(`/search?q=${encodeURIComponent(q)}`);
        await page.getByRole("heading", { name: /Results for/ }).waitFor();
        expect({ q, count: await resultCount(page) }).toEqual({ q, count: 0 });
        // In #main, for the same reason as the count: the streamed copy waits hidden at the end of <body>.
        await page.locator("#main").getByText("No products match").waitFor();
      }
      await shot(page, SUITE, `${viewport}-02-search-punctuation`);

      // 300 characters in the URL: the page answers, with the first 200 as the query.
      const long = "jacket ".repeat(43).slice(0, 300);
      const res = await page.goto(`/search?q=${encodeURIComponent(long)}`);
      expect(res?.status()).toBe(200);
      await page.getByRole("heading", { name: /Results for/ }).waitFor();
      expect(await page.getByText("Something went wrong").count()).toBe(0);
      const shown = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
      expect(shown).toContain(long.slice(0, 200).trim());
      expect(shown).not.toContain(long.slice(0, 201));
      await shot(page, SUITE, `${viewport}-03-search-long`);

      // The box itself takes no more than the bound, and searching with it works.
      const box = page.getByLabel("Search products");
      await box.fill("");
      await box.pressSequentially("x".repeat(10));
      await box.fill("shirt ".repeat(50));
      expect((await box.inputValue()).length).toBe(200);
      await box.press("Enter");
      await page.waitForURL((url) => (url.searchParams.get("q") ?? "").startsWith("shirt shirt"));
      await page.getByRole("heading", { name: /Results for/ }).waitFor();
      expect(await page.getByText("Something went wrong").count()).toBe(0);
      expect(problems).toEqual([]);
      await context.close();
    }, 120_000);
  }
});

describe("test card form", () => {
  for (const viewport of ["desktop", "mobile"] as const) {
    test(`${viewport}: expiry and CVC are checked under their fields, then a good card pays`, async () => {
      const { context, page } = await newPage(viewport);
      await toCheckout(page);
      await fillAddress(page, `card-${viewport}-${Date.now()}@example.com`);
      await page.getByRole("button", { name: "Continue to payment" }).click();
      await page.waitForURL(/\/checkout\/pay\//, { timeout: 60_000 });
      const number = page.getByLabel("Card number");
      await number.waitFor({ timeout: 60_000 });

      // An expired card with a one-digit CVC: refused in the browser, each message under its input.
      let confirms = 0;
      page.on("request", (req) => {
        if (req.url().includes("payments.confirmTest")) confirms++;
      });
      await number.fill("4242 4242 4242 4242");
      await page.getByLabel("Expiry").fill("01/20");
      await page.getByLabel("CVC").fill("1");
      await page.getByRole("button", { name: "Pay now" }).click();
      const expiryError = page.locator("#expiry-error");
      const cvcError = page.locator("#cvc-error");
      await expiryError.waitFor();
      expect(await expiryError.textContent()).toBe("This card has expired.");
      expect(await cvcError.textContent()).toBe("Enter the 3-digit security code.");
      expect(await page.getByLabel("Expiry").getAttribute("aria-describedby")).toBe("expiry-error");
      expect(await page.getByLabel("CVC").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#card-error").count()).toBe(0);
      await shot(page, SUITE, `${viewport}-04-card-expired`);

      // A number that fails Luhn, and an expiry that is no date.
      await number.fill("4242 4242 4242 4241");
      await page.getByLabel("Expiry").fill("13/30");
      await page.getByLabel("CVC").fill("123");
      await page.getByRole("button", { name: "Pay now" }).click();
      await page.locator("#card-error").waitFor();
      expect(await page.locator("#card-error").textContent()).toBe("Enter a valid card number.");
      expect(await expiryError.textContent()).toBe("Enter the expiry as MM / YY.");
      expect(await cvcError.count()).toBe(0);
      expect(confirms).toBe(0);
      await shot(page, SUITE, `${viewport}-05-card-bad-number`);

      // Fixed: the payment goes through.
      await number.fill("4242 4242 4242 4242");
      await page.getByLabel("Expiry").fill("12 / 34");
      await page.getByRole("button", { name: "Pay now" }).click();
      await page.waitForURL(/\/account\/orders\//, { timeout: 60_000 });
      await page.locator("[data-testid=payment-status][data-status=PAID]").first().waitFor({ timeout: 60_000 });
      expect(confirms).toBe(1);
      await shot(page, SUITE, `${viewport}-06-card-paid`);
      await context.close();
    }, 180_000);
  }
});

describe("accessibility and console", () => {
  for (const viewport of ["desktop", "mobile"] as const) {
    test(`${viewport}: skip link first, a ring on every control, axe clean, no console errors`, async () => {
      const { context, page, problems, requests } = await newPage(viewport);

      // The skip link is the first Tab stop, visible when focused, and lands on the content.
      await page.goto("/");
      await page.keyboard.press("Tab");
      const first = await focusRing(page);
      expect(first?.what).toBe('a "Skip to content"');
      expect(first?.visible).toBe(true);
      const box = await page.getByRole("link", { name: "Skip to content" }).boundingBox();
      expect(box && box.width > 0 && box.y >= 0 && box.y < 100).toBe(true);
      await shot(page, SUITE, `${viewport}-07-skip-link`);
      await page.keyboard.press("Enter");
      expect(page.url()).toEndWith("#main");

      // Every Tab stop on the product page up to Add to cart shows a ring.
      await page.goto("/p/denim-trucker-jacket");
      const toAdd = await tabTo(page, /Add to cart/);
      expect(toAdd.bare).toEqual([]);
      await page.getByRole("button", { name: "Add to cart" }).scrollIntoViewIfNeeded();
      await shot(page, SUITE, `${viewport}-08-focus-add-to-cart`);

      const pages: [string, string, () => Promise<void>][] = [
        [
          "home",
          "/",
          () =>
            page
              .getByRole("heading", { name: "New arrivals" })
              .waitFor()
              .then(() => {}),
        ],
        ["category", "/c/clothing", () => page.locator("#main").getByTestId("result-count").waitFor()],
        ["product", "/p/denim-trucker-jacket", () => page.getByRole("button", { name: "Add to cart" }).waitFor()],
        ["search", "/search?q=shirt", () => page.locator("#main").getByTestId("result-count").waitFor()],
        ["sign-in", "/account/sign-in", () => page.getByRole("button", { name: "Sign in" }).waitFor()],
        ["sign-up", "/account/sign-up", () => page.getByRole("button", { name: /Create account/ }).waitFor()],
      ];
      const report: string[] = [];
      for (const [name, path, ready] of pages) {
        await page.goto(path);
        await ready();
        // Until React has swapped every streamed chunk in, a chunk waits in a hidden <div id="S:…">
        // (a second copy of a heading for a moment): wait for the page to settle, count visible ones.
        await page.waitForFunction(() => document.querySelector('div[hidden][id^="S:"]') === null);
        expect({ name, h1: await page.locator("h1:visible").count() }).toEqual({ name, h1: 1 });
        report.push(...(await allViolations(page)).map((v) => `${name}: ${v}`));
      }

      // Cart and checkout with something in the cart.
      await page.goto("/p/denim-trucker-jacket");
      await page.getByRole("button", { name: "Add to cart" }).click();
      const drawer = page.getByRole("dialog", { name: /Your cart/ });
      await drawer.getByTestId("cart-line").first().waitFor();
      report.push(...(await allViolations(page)).map((v) => `cart drawer: ${v}`));
      await page.goto("/cart");
      await page.getByTestId("cart-line").first().waitFor();
      report.push(...(await allViolations(page)).map((v) => `cart: ${v}`));
      await shot(page, SUITE, `${viewport}-09-cart`);
      await page.goto("/checkout");
      await page.getByRole("heading", { name: "Shipping address" }).waitFor();
      report.push(...(await allViolations(page)).map((v) => `checkout: ${v}`));
      expect(report).toEqual([]);

      // Continue to payment has a ring too (every stop on the way checked).
      const toPay = await tabTo(page, /Continue to payment/);
      expect(toPay.bare).toEqual([]);
      await shot(page, SUITE, `${viewport}-10-focus-continue-to-payment`);

      // Nothing on these guest pages logged an error or failed: no favicon 404, no token 401.
      expect(problems).toEqual([]);
      expect(requests.filter((u) => u.includes("/api/auth/token"))).toEqual([]);
      await context.close();
    }, 240_000);
  }
});

describe("keyboard only", () => {
  for (const viewport of ["desktop", "mobile"] as const) {
    test(`${viewport}: a purchase from product page to paid order with Tab, typing and Enter, a ring at every stop`, async () => {
      const { context, page } = await newPage(viewport);
      const bare: string[] = [];
      await page.goto("/p/denim-trucker-jacket");
      await page.getByRole("button", { name: "Add to cart" }).waitFor();
      const toAdd = await tabTo(page, /Add to cart/);
      bare.push(...toAdd.bare);
      await page.keyboard.press("Enter");
      const drawer = page.getByRole("dialog", { name: /Your cart/ });
      await drawer.getByTestId("cart-line").first().waitFor();
      const toCheckout = await tabTo(page, /^a "Checkout/);
      bare.push(...toCheckout.bare);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/checkout$/);
      await page.getByRole("heading", { name: "Shipping address" }).waitFor();

      const fields: [string, string][] = [
        ["input[type=email]", `keys-${viewport}-${Date.now()}@example.com`],
        ["input[name=shipping-name]", "Kim Keys"],
        ["input[name=shipping-line1]", "Invalidenstraße 116"],
        ["input[name=shipping-postalCode]", "10115"],
        ["input[name=shipping-city]", "Berlin"],
      ];
      for (const [selector, value] of fields) {
        await tabToField(page, selector, bare);
        await typeHere(page, value);
      }
      // The country: a closed <select> takes type-ahead from the keyboard.
      await tabToField(page, "select[name=shipping-country]", bare);
      if ((await page.locator("select[name=shipping-country]").inputValue()) !== "DE") {
        await page.keyboard.type("Germany");
      }
      expect(await page.locator("select[name=shipping-country]").inputValue()).toBe("DE");
      const toPay = await tabTo(page, /Continue to payment/);
      bare.push(...toPay.bare);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/checkout\/pay\//, { timeout: 60_000 });
      await page.getByLabel("Card number").waitFor({ timeout: 60_000 });

      await tabToField(page, "input[name=card]", bare);
      await page.keyboard.type("4242 4242 4242 4242");
      await tabToField(page, "input[name=expiry]", bare);
      await typeHere(page, "12 / 34");
      await tabToField(page, "input[name=cvc]", bare);
      await typeHere(page, "123");
      const toPayNow = await tabTo(page, /Pay now/);
      bare.push(...toPayNow.bare);
      await shot(page, SUITE, `${viewport}-11-keyboard-pay-now`);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/account\/orders\//, { timeout: 60_000 });
      await page.locator("[data-testid=payment-status][data-status=PAID]").first().waitFor({ timeout: 60_000 });
      await shot(page, SUITE, `${viewport}-12-keyboard-paid`);
      // Every control the keyboard passed on the way showed a ring (computed outline or shadow).
      expect(bare).toEqual([]);
      await context.close();
    }, 240_000);
  }
});

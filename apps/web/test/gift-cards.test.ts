// Gift cards in the web (#27), on the whole platform (dev launcher, production web build,
// headless Chromium), desktop and phone: a superadmin issues a card to the demo shopper from
// /admin/gift-cards (the code shown once), sees its ledger, adjusts it with a reason and disables
// it; the shopper sees the card and its balance on the account page. A guest redeems a card at
// checkout: the part it pays and the rest shown, the rest paid by card. Screenshots and axe.
import { describe, expect, test } from "bun:test";
import { WEBHOOK_EVENT_TYPES } from "@mercato/notifications/contract";
import type { Page } from "playwright-core";
import {
  ADMIN,
  browserSuite,
  expectAxeClean,
  SHOPPER,
  signInThroughForm,
  VIEWPORTS,
  type ViewportName,
} from "./browser-suite.ts";

const suite = browserSuite("gift-cards");

/**
 * The document's width on a phone, once the admin page's queries have answered (no spinner left):
 * only a table's own scroll box may scroll sideways, never the page. With `isMobile` Chromium
 * zooms out to fit a page that is too wide, so `innerWidth` grows with `scrollWidth` (453 and
 * 453 on a gift-card page that overflowed): both are held to the viewport's 390 px.
 */
async function expectFitsPhone(page: Page, where: string): Promise<void> {
  await page.waitForFunction(() => !document.querySelector("#admin-main .animate-spin"));
  const width = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  const phone = VIEWPORTS.mobile.width;
  expect({ where, overflowBy: Math.max(0, width.scrollWidth - phone), innerWidth: width.innerWidth }).toEqual({
    where,
    overflowBy: 0,
    innerWidth: phone,
  });
}

describe("gift cards", () => {
  for (const viewport of ["desktop", "mobile"] as const satisfies ViewportName[]) {
    test(`${viewport}: staff issue, adjust and disable a card; the shopper sees its balance`, async () => {
      const page = await suite.newPage(viewport);
      // A name of our own, so other suites' cards never mix with ours.
      const recipientName = `Gift ${viewport} ${Date.now().toString(36)}`;
      await suite.withFailureShot(page, `admin-${viewport}`, async () => {
        await signInThroughForm(page, ADMIN, "/admin/gift-cards");
        await page.getByRole("heading", { name: "Gift cards", level: 1 }).waitFor();
        const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Issue gift card" }) });
        await form.getByLabel("Amount").fill("40.00");
        await form.getByLabel("Recipient email").fill(SHOPPER.email);
        await form.getByLabel("Recipient name").fill(recipientName);
        await form.getByLabel("Message (optional)").fill("Thank you!");
        await form.getByLabel("Reason").fill("browser test goodwill");
        await form.getByRole("button", { name: "Issue gift card" }).click();

        const code = (await page.getByTestId("issued-code").textContent())?.trim() ?? "";
        expect(code).toMatch(/^GC(-[0-9A-Z]{1,4}){7}$/);
        const last4 = code.replaceAll("-", "").slice(-4);
        const ledger = page.getByRole("table", { name: `Ledger of the card ending in ${last4}` });
        await ledger.getByRole("cell", { name: "issue" }).waitFor();
        await expectAxeClean(page, `admin gift cards (${viewport})`);
        // The long code, the ledger and the list all shown: the widest the page gets.
        if (viewport === "mobile") await expectFitsPhone(page, "/admin/gift-cards");
        await suite.shot(page, `admin-issued-${viewport}`);

        await page.getByLabel("Adjust by").fill("-5.00");
        await page.getByLabel("Reason for the adjustment").fill("partial goodwill taken back");
        await page.getByRole("button", { name: "Adjust", exact: true }).click();
        await ledger.getByRole("cell", { name: "partial goodwill taken back" }).waitFor();
        await expect(ledger.getByRole("row").last().textContent()).resolves.toContain("35.00");

        await page.getByLabel("Reason for disabling").fill("reported lost");
        await page.getByRole("button", { name: "Disable card" }).click();
        await ledger.getByRole("cell", { name: "disabled: reported lost" }).waitFor();
        await page.getByRole("button", { name: "Disable card" }).waitFor({ state: "detached" });
        await suite.shot(page, `admin-disabled-${viewport}`);
      });

      const shopper = await suite.newPage(viewport);
      await suite.withFailureShot(shopper, `account-${viewport}`, async () => {
        await signInThroughForm(shopper, SHOPPER, "/account");
        const cards = shopper.getByRole("region", { name: "Gift cards" });
        const card = cards.getByRole("listitem").filter({ hasText: recipientName });
        await card.waitFor();
        await expect(card.textContent()).resolves.toContain("35.00");
        await expect(card.textContent()).resolves.toContain("Disabled");
        await expectAxeClean(shopper, `account gift cards (${viewport})`);
        await suite.shot(shopper, `account-${viewport}`);
      });
    }, 180_000);
  }

  test("mobile: every admin section the superadmin sees fits the phone's width", async () => {
    const page = await suite.newPage("mobile");
    await signInThroughForm(page, ADMIN, "/admin");
    // The nav's links (hidden behind the Menu button on a phone, but in the page).
    const sections = await page
      .getByRole("navigation", { name: "Admin", includeHidden: true })
      .locator("a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    expect(sections).toContain("/admin/gift-cards");
    // A webhook endpoint of our own, with a long URL and every event type: a list with rows is what
    // can overflow, and this suite may run before (or without) the one that makes endpoints.
    const staff = await suite.client(ADMIN);
    const { endpoint } = await staff.notifications.webhooks.create.mutate({
      url: `https://hooks.example.com/mercato/${"phone-width-check-".repeat(4)}receiver`,
      eventTypes: [...WEBHOOK_EVENT_TYPES],
      description: "phone width check (removed at the end of the test)",
    });
    try {
      for (const path of sections) {
        await suite.withFailureShot(page, `fits-phone-${path.replaceAll("/", "-")}`, async () => {
          await page.goto(path);
          await expectFitsPhone(page, path);
        });
      }
    } finally {
      await staff.notifications.webhooks.remove.mutate({ id: endpoint.id });
    }
  }, 180_000);

  // After both staff tests: their phone run reads the admin list, which these cards would join.
  for (const viewport of ["desktop", "mobile"] as const satisfies ViewportName[]) {
    test(`${viewport}: a guest redeems a gift card at checkout and pays the rest by card`, async () => {
      const staff = await suite.client(ADMIN);
      // A card of 5.00 of our own, less than the jacket: the card pays part, the card payment the rest.
      const issued = await staff.payments.giftCards.admin.issue.mutate({
        amount: 500,
        // A fresh guest's cart is in the UK region (en-GB): the card is in its currency.
        currency: "GBP",
        // Short: the admin list of the other test shows it on a phone.
        recipientEmail: `gc${Date.now().toString(36)}@example.com`,
        recipientName: "Checkout test",
        message: "",
        reason: "browser test: redeem at checkout",
      });
      const page = await suite.newPage(viewport);
      await suite.withFailureShot(page, `checkout-${viewport}`, async () => {
        await page.goto("/p/denim-trucker-jacket");
        await page.getByRole("button", { name: "Add to cart" }).click();
        const drawer = page.getByRole("dialog", { name: /Your cart/ });
        await drawer.getByTestId("cart-line").first().waitFor();
        await drawer.getByRole("link", { name: "Checkout" }).click();
        await page.waitForURL(/\/checkout$/);
        await page.getByLabel("Email").fill(`gift-guest-${viewport}@example.com`);
        await page.locator("input[name=shipping-name]").fill("Gift Guest");
        await page.locator("input[name=shipping-line1]").fill("10 Downing Street");
        await page.locator("input[name=shipping-postalCode]").fill("SW1A 2AA");
        await page.locator("input[name=shipping-city]").fill("London");
        await page.locator("select[name=shipping-country]").selectOption("GB");

        await page.getByLabel("Gift card code").fill(issued.code);
        await page.getByRole("button", { name: "Apply" }).click();
        const applied = page.getByTestId("gift-card-applied");
        await applied.waitFor();
        await expect(applied.textContent()).resolves.toContain(issued.card.last4);
        await expect(applied.textContent()).resolves.toContain("5.00");
        await expect(applied.textContent()).resolves.toContain("Left to pay by card");
        await expectAxeClean(page, `checkout with a gift card (${viewport})`);
        await suite.shot(page, `checkout-gift-card-${viewport}`);

        await page.getByRole("button", { name: "Continue to payment" }).click();
        await page.waitForURL(/\/checkout\/pay\//, { timeout: 60_000 });
        await page.getByLabel("Card number").waitFor({ timeout: 60_000 });
        await page.getByLabel("Card number").fill("4242 4242 4242 4242");
        await page.getByLabel("Expiry").fill("12 / 34");
        await page.getByLabel("CVC").fill("123");
        await page.getByRole("button", { name: "Pay now" }).click();
        await page.waitForURL(/\/account\/orders\//, { timeout: 60_000 });
        await page.locator("[data-testid=payment-status][data-status=PAID]").first().waitFor({ timeout: 60_000 });
        const part = page.getByTestId("order-gift-card");
        await expect(part.textContent()).resolves.toContain(`Gift card ending ${issued.card.last4}`);
        await expect(part.textContent()).resolves.toContain("5.00");
        await expectAxeClean(page, `order paid with a gift card (${viewport})`);
        await suite.shot(page, `order-gift-card-${viewport}`);
      });
      const card = await staff.payments.giftCards.admin.byId.query({ cardId: issued.card.id });
      expect(card.card.balance).toBe(0);
    }, 180_000);
  }
});

// A gift card sold as a product (#27), on the whole platform (dev launcher with its demo gift card,
// production web build, headless Chromium), desktop and phone: the product page asks who the card
// is for (the cart's own rule, checked in the page first), the cart shows the recipient; staff make a gift-card product in the admin's product form. Screenshots, axe.
import { describe, expect, test } from "bun:test";
import { ADMIN, browserSuite, expectAxeClean, signInThroughForm, type ViewportName } from "./browser-suite.ts";

const suite = browserSuite("gift-card-product");

describe("a gift-card product", () => {
  for (const viewport of ["desktop", "mobile"] as const satisfies ViewportName[]) {
    test(`${viewport}: the page asks who it is for; the cart shows the recipient`, async () => {
      const page = await suite.newPage(viewport);
      await suite.withFailureShot(page, `buy-${viewport}`, async () => {
        await page.goto("/p/gift-card");
        await page.getByRole("heading", { name: "Mercato Gift Card", level: 1 }).waitFor();
        const recipient = page.getByRole("group", { name: "Who is it for?" });
        await recipient.waitFor();
        // No stock badge: a gift card has no stock to count.
        expect(await page.getByTestId("stock-level").count()).toBe(0);
        await page.getByRole("button", { name: "50", exact: true }).click();

        // Nothing typed yet: the cart's rule says what is missing, beside the field, and nothing is added.
        await page.getByRole("button", { name: "Add to cart" }).click();
        await recipient.getByRole("alert").first().waitFor();
        await expect(recipient.getByRole("alert").first().textContent()).resolves.toContain("Enter the email address");
        expect(await page.getByLabel("Recipient's email").getAttribute("aria-invalid")).toBe("true");
        await expectAxeClean(page, `gift card page with errors (${viewport})`);

        await page.getByLabel("Recipient's email").fill(`friend-${viewport}@example.com`);
        await page.getByLabel("Recipient's name").fill("Grace");
        await page.getByLabel("Message (optional)").fill("For the books you like.");
        // Each error went as its field was filled in.
        expect(await recipient.getByRole("alert").count()).toBe(0);
        // Their own amount: one payments does not issue is refused beside the field; 35.00 is the price.
        await page.getByLabel("Or your own amount (optional)").fill("3");
        await page.getByRole("button", { name: "Add to cart" }).click();
        await expect(page.locator("#gift-card-amount-error").textContent()).resolves.toContain("Choose an amount from");
        await page.getByLabel("Or your own amount (optional)").fill("35.00");
        expect(await page.locator("#gift-card-amount-error").count()).toBe(0);
        await expect(page.getByText("£35.00").first().textContent()).resolves.toContain("35.00");
        await suite.shot(page, `page-${viewport}`);
        await page.getByRole("button", { name: "Add to cart" }).click();
        const drawer = page.getByRole("dialog", { name: /Your cart/ });
        const line = drawer.getByTestId("gift-card-recipient");
        await line.waitFor();
        await expect(line.textContent()).resolves.toContain(`For Grace (friend-${viewport}@example.com)`);
        await expect(drawer.getByTestId("cart-line").first().textContent()).resolves.toContain("£35.00");
        await expectAxeClean(page, `cart with a gift card (${viewport})`);
        await suite.shot(page, `drawer-${viewport}`);

        // The cart page shows who it is for, too.
        await page.goto("/cart");
        await page.getByRole("region", { name: "Items" }).getByTestId("gift-card-recipient").waitFor();
        await expectAxeClean(page, `cart page with a gift card (${viewport})`);
        await suite.shot(page, `cart-${viewport}`);
      });
    }, 180_000);
  }

  test("desktop: staff make a gift-card product in the product form", async () => {
    const page = await suite.newPage("desktop");
    const title = `Gift card ${Date.now().toString(36)}`;
    const sku = `GIFT-${Date.now().toString(36)}`.toUpperCase();
    await suite.withFailureShot(page, "admin-new", async () => {
      await signInThroughForm(page, ADMIN, "/admin/products/new");
      await page.locator("#title").fill(title);
      await page.locator("#kind").selectOption("gift_card");
      await page.getByTestId("gift-card-kind-note").waitFor();
      // No tax class to pick: a gift card is zero-rated when sold.
      expect(await page.locator("#taxClass").count()).toBe(0);
      await page.locator("#variant-0-sku").fill(sku);
      await page.locator("#variant-0-EUR-amount").fill("40.00");
      await page.locator("#status").selectOption("active");
      await expectAxeClean(page, "new gift-card product");
      await suite.shot(page, "admin-new");
      await page.getByRole("button", { name: "Create product" }).click();
      await page.waitForURL(/\/admin\/products\/[^/]+\?created=1/);
      await page.getByRole("heading", { name: title }).waitFor();
      // Fixed once made.
      expect(await page.locator("#kind").isDisabled()).toBe(true);
    });
    const staff = await suite.client(ADMIN);
    const [row] = await staff.catalog.products.bySkus.query({ skus: [sku] });
    expect(row).toMatchObject({ kind: "gift_card", taxClass: "zero", available: 10 });
  }, 180_000);
});

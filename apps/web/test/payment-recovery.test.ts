// No traps at payment (#21), in Chromium on the whole platform (dev launcher, production web
// build), desktop 1366×900 and phone 390×844, screenshots in test-artifacts/payment-recovery:
// a 3-D Secure card, then a reload: the pending step shows again, is abandoned, and 4242 pays;
// back from the pay page: the pending order is offered, its address and shipping changed (a new
// checkout, priced by the same path: the total and the payment follow) or released (stock back,
// checked at inventory; the cart refilled); declines read as one plain banner with no developer
// copy; the refund a staff member gives shows on the customer's order page; sign-in from the
// header returns to the product page; no express wallets in test-provider mode; axe-core on the
// pay page.
import { beforeAll, describe, expect, test } from "bun:test";
import { createMercatoClient } from "@mercato/client";
import { setStock } from "@mercato/testing";
import type { BrowserContext, Page } from "playwright-core";
import { allViolations } from "./axe.ts";
import { ADMIN, browserSuite, emptyCartInEurope, SHOPPER, until, type ViewportName } from "./browser-suite.ts";
import { shot } from "./platform.ts";

const SUITE = "payment-recovery";
const PRODUCT = "/p/denim-trucker-jacket";
const VIEWPORTS = { desktop: { width: 1366, height: 900 }, mobile: { width: 390, height: 844 } } as const;

const suite = browserSuite(SUITE);
const { withFailureShot, client: clientFor } = suite;

beforeAll(async () => {
  // Enough jackets for every order here (each test places two or three), whatever the demo stock.
  const admin = await clientFor(ADMIN);
  const jacket = await anonymous().catalog.products.bySlug.query({ slug: "denim-trucker-jacket" });
  for (const v of jacket.variants) await setStock(admin.inventory, v.sku, 50, "payment recovery test");
}, 200_000);

async function newPage(viewport: ViewportName): Promise<{ context: BrowserContext; page: Page }> {
  // A German browser: the shop opens in the Europe region, where the Berlin address ships.
  const page = await suite.newPage(viewport, { viewport: VIEWPORTS[viewport], locale: "de-DE" });
  return { context: page.context(), page };
}

/** Adds the jacket from its page, then opens the checkout from the cart drawer. */
async function toCheckout(page: Page): Promise<void> {
  await page.goto(PRODUCT);
  await page.getByRole("button", { name: "Add to cart" }).click();
  const drawer = page.getByRole("dialog", { name: /Your cart/ });
  await drawer.getByTestId("cart-line").first().waitFor();
  // The drawer re-renders as live cart updates arrive; on a loaded machine the link can be
  // replaced mid-click, so the checkout is opened by its address then (what the link points to).
  await drawer
    .getByRole("link", { name: "Checkout" })
    .click({ timeout: 10_000 })
    .catch(() => page.goto("/checkout"));
  await page.waitForURL(/\/checkout$/);
  await page.getByRole("heading", { name: "Shipping address" }).waitFor();
}

async function fillAddress(page: Page, email: string, line1 = "Invalidenstraße 116"): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.locator("input[name=shipping-name]").fill("Alex Guest");
  await page.locator("input[name=shipping-line1]").fill(line1);
  await page.locator("input[name=shipping-postalCode]").fill("10115");
  await page.locator("input[name=shipping-city]").fill("Berlin");
  await page.locator("select[name=shipping-country]").selectOption("DE");
}

/** Continue to payment; answers the order id from the pay page's address. */
async function toPayment(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.waitForURL(/\/checkout\/pay\//);
  await page.getByLabel("Card number").waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1) ?? "");
}

async function payWith(page: Page, card: string): Promise<void> {
  await page.getByLabel("Card number").fill(card);
  await page.getByRole("button", { name: /Pay now|Try again/ }).click();
}

/** The guest's order, read as the browser would (its token is the context's HttpOnly cookie). */
async function guestOrder(context: BrowserContext, orderId: string) {
  const cookie = (await context.cookies()).find((c) => c.name === `mercato_order_${orderId}`);
  if (!cookie) throw new Error(`no order cookie for ${orderId}`);
  const client = createMercatoClient({
    baseUrl: suite.platform.gatewayUrl,
    orderTokens: () => ({ [orderId]: cookie.value }),
  });
  return client.orders.byId.query({ orderId });
}

const anonymous = () => createMercatoClient({ baseUrl: suite.platform.gatewayUrl });

async function available(sku: string): Promise<number> {
  const [row] = await anonymous().inventory.availability.query({ skus: [sku] });
  return row?.available ?? Number.NaN;
}

/** What a shopper must never read: a field-path prefix, a doubled full stop, an internal word. */
function developerCopy(text: string): string[] {
  const found: string[] = [];
  if (/\b[a-z]+[A-Z]\w*(?:\.\w+)*:/.test(text)) found.push(`field prefix in "${text}"`);
  if (/\.\./.test(text.replace(/…/g, ""))) found.push(`double full stop in "${text}"`);
  if (/paymentId|clientSecret|requires_action|Invalid input/.test(text)) found.push(`internal word in "${text}"`);
  return found;
}

async function payAlerts(page: Page): Promise<string[]> {
  return page.locator("section[aria-labelledby=pay-heading] [role=alert]").allTextContents();
}

for (const viewport of ["desktop", "mobile"] as const) {
  describe(`payment recovery on ${viewport}`, () => {
    test("3-D Secure, then a reload: the step shows again, is abandoned, declines read plainly, 4242 pays", async () => {
      const { context, page } = await newPage(viewport);
      await withFailureShot(page, `${viewport}-3ds`, async () => {
        await toCheckout(page);
        await fillAddress(page, `tds-${viewport}-${Date.now()}@example.com`);
        const orderId = await toPayment(page);
        // No express wallets without Stripe: the test provider's form only, and no Stripe.js.
        expect(await page.getByTestId("express").count()).toBe(0);
        expect(await page.locator("script[src*='js.stripe.com']").count()).toBe(0);
        expect({ where: "pay page", violations: await allViolations(page) }).toEqual({
          where: "pay page",
          violations: [],
        });

        await payWith(page, "4000 0000 0000 3220");
        const step = page.getByRole("dialog", { name: "Confirm this payment with your bank" });
        await step.waitFor();
        await page.reload();
        // The reloaded page asks payments where the payment stands and shows the step again.
        await step.waitFor();
        await shot(page, SUITE, `${viewport}-01-step-after-reload`);
        expect({ where: "pending step", violations: await allViolations(page) }).toEqual({
          where: "pending step",
          violations: [],
        });
        await step.getByRole("button", { name: "Use another card" }).click();
        await page.getByLabel("Card number").waitFor();

        // Two declines in a row: one current banner, in words for a person.
        await payWith(page, "4000 0000 0000 0002");
        await page.getByText("Your card was declined.").waitFor();
        await payWith(page, "4000 0000 0000 9995");
        await page.getByText("Your card has insufficient funds.").waitFor();
        const alerts = await payAlerts(page);
        expect(alerts).toHaveLength(1);
        expect(alerts.flatMap(developerCopy)).toEqual([]);
        await shot(page, SUITE, `${viewport}-02-one-banner`);

        await payWith(page, "4242 4242 4242 4242");
        await page.waitForURL(/\/account\/orders\//);
        const paid = await until("the order paid", async () => {
          const o = await guestOrder(context, orderId);
          return o.paymentStatus === "PAID" ? o : null;
        });
        expect(paid.paidAmount).toBe(paid.totals.total);
        await shot(page, SUITE, `${viewport}-03-paid`);
      });
    }, 120_000);

    test("back from payment: change address and shipping (total and payment follow), then release to the cart", async () => {
      const { context, page } = await newPage(viewport);
      await withFailureShot(page, `${viewport}-back`, async () => {
        await toCheckout(page);
        await fillAddress(page, `back-${viewport}-${Date.now()}@example.com`);
        const options = page.getByTestId("shipping-options").locator("input[type=radio]");
        await options.first().waitFor();
        expect(await options.count()).toBeGreaterThan(1);
        await options.first().check();
        const firstId = await toPayment(page);
        const first = await guestOrder(context, firstId);
        const sku = first.lines[0]?.sku ?? "";
        const held = await available(sku);

        // Back: the checkout offers the order that holds the stock instead of "Your cart is empty".
        await page.goBack();
        const pending = page.getByTestId("pending-order");
        await pending.waitFor();
        expect(await pending.textContent()).toContain(`Order ${first.number} is waiting for payment`);
        await shot(page, SUITE, `${viewport}-04-back-pending-order`);
        expect({ where: "checkout, pending order", violations: await allViolations(page) }).toEqual({
          where: "checkout, pending order",
          violations: [],
        });

        await pending.getByRole("button", { name: "Change address or shipping" }).click();
        await until("the checkout form again", async () =>
          (await page.locator("input[name=shipping-name]").inputValue()) === "Alex Guest" ? true : null,
        );
        expect(await page.locator("input[name=shipping-line1]").inputValue()).toBe("Invalidenstraße 116");
        await page.locator("input[name=shipping-line1]").fill("Chausseestraße 5");
        await options.nth(1).check();
        await until("the second option chosen", async () => ((await options.nth(1).isChecked()) ? true : null));
        await shot(page, SUITE, `${viewport}-05-changed`);
        const secondId = await toPayment(page);
        expect(secondId).not.toBe(firstId);
        const second = await guestOrder(context, secondId);
        const released = await guestOrder(context, firstId);
        expect(released.status).toBe("CANCELLED");
        // Re-priced by the checkout's own path: only the shipping changed, and the total with it.
        expect(second.shippingMethod?.optionId).not.toBe(first.shippingMethod?.optionId);
        expect(second.totals.total - second.totals.shipping).toBe(first.totals.total - first.totals.shipping);
        expect(second.shippingAddress.line1).toBe("Chausseestraße 5");
        await page.getByText(/Pay .* to complete your order/).waitFor();

        // Then released for good: stock back at inventory, the line back in the cart.
        expect(await available(sku)).toBe(held);
        await page
          .getByTestId("pending-order-actions")
          .getByRole("button", { name: "Cancel this order and return to my cart" })
          .click();
        await page.waitForURL(/\/cart$/);
        await page.getByTestId("cart-line").first().waitFor();
        await until("the stock released", async () => ((await available(sku)) === held + 1 ? true : null));
        expect((await guestOrder(context, secondId)).status).toBe("CANCELLED");
        await shot(page, SUITE, `${viewport}-06-released-to-cart`);
      });
    }, 150_000);
  });
}

describe("the customer's account", () => {
  test("sign-in from the header returns to the product page; a staff refund shows on the order page", async () => {
    const admin = await clientFor(ADMIN);
    const shopper = await clientFor(SHOPPER);
    for (const viewport of ["desktop", "mobile"] as const) {
      const { page } = await newPage(viewport);
      await withFailureShot(page, `${viewport}-sign-in`, async () => {
        await page.goto(PRODUCT);
        // The header's link (shown once the session is read; on a phone too).
        const signIn = page.getByRole("banner").getByRole("link", { name: "Sign in" });
        await signIn.waitFor();
        expect(await signIn.getAttribute("href")).toBe(`/account/sign-in?next=${encodeURIComponent(PRODUCT)}`);
        await signIn.click();
        await page.waitForURL(/\/account\/sign-in\?next=/);
        await page.locator("#email").fill(SHOPPER.email);
        await page.locator("#password").fill(SHOPPER.password);
        await page.locator("form button[type=submit]").click();
        await page.waitForURL((url) => url.pathname === PRODUCT);
        await shot(page, SUITE, `${viewport}-07-back-on-product`);

        if (viewport === "desktop") {
          // An order of the shopper's, paid, then partly refunded by staff.
          const [variant] = (await shopper.catalog.products.bySlug.query({ slug: "denim-trucker-jacket" })).variants;
          await emptyCartInEurope(shopper);
          await shopper.cart.addItem.mutate({ sku: variant?.sku ?? "", quantity: 1 });
          const placed = await shopper.orders.checkout.mutate({
            email: SHOPPER.email,
            shippingAddress: {
              name: "Sam Shopper",
              line1: "1 Test Street",
              city: "Berlin",
              postalCode: "10115",
              country: "DE",
            },
            idempotencyKey: crypto.randomUUID(),
          });
          const payment = await until(
            "a payment",
            async () => (await shopper.orders.byId.query({ orderId: placed.orderId })).payment,
          );
          await shopper.payments.confirmTest.mutate({
            paymentId: payment.paymentId,
            clientSecret: payment.clientSecret ?? "",
            card: { number: "4242424242424242", expiry: "12/34", cvc: "123" },
          });
          await until(
            "paid",
            async () => (await shopper.orders.byId.query({ orderId: placed.orderId })).paymentStatus === "PAID",
          );
          await admin.orders.admin.refund.mutate({
            orderId: placed.orderId,
            amount: 500,
            reason: "goodwill",
            idempotencyKey: crypto.randomUUID(),
          });
          await page.goto(`/account/orders/${placed.orderId}`);
          const refunded = page.getByTestId("order-refunded");
          await refunded.waitFor();
          expect((await refunded.textContent())?.replace(/\s/g, "")).toMatch(/^Refunded€5[,.]00$/);
          await shot(page, SUITE, `${viewport}-08-refunded`);
        }
      });
    }
  }, 150_000);
});

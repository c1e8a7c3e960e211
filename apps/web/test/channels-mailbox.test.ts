// SMS and web push in the dev mailbox (#22), on the whole platform (dev launcher, production web
// build, headless Chromium): the demo shopper gives a phone number, chooses SMS and push for
// shipping updates and push for order updates, and subscribes a browser (the harness's local push
// service, which checks VAPID and decrypts); an order paid and shipped through the saga then shows
// in /dev/mailbox as an email, an SMS (development's log sender) and push messages, each with its
// channel, filterable by channel; the SMS page shows its text and no HTML frame. Desktop and mobile
// screenshots, axe on the list and on a message.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createAuthSession, createMercatoClient, type MercatoClient } from "@mercato/client";
import { DEMO_USERS } from "@mercato/identity/demo";
import { type PushEndpoint, startPushEndpoint } from "@mercato/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seriousViolations } from "./axe.ts";
import { hydratedGoto, launchBrowser, type Platform, shot, startPlatform } from "./platform.ts";

const SUITE = "channels-mailbox";
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } } as const;

function demo(role: string): { email: string; password: string } {
  const found = DEMO_USERS.find((u) => u.role === role);
  if (!found) throw new Error(`no demo ${role}`);
  return { email: found.email, password: found.password };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 45_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await Bun.sleep(250);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`);
}

let platform: Platform;
let browser: Browser;
let push: PushEndpoint;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [platform, push] = await Promise.all([startPlatform(), startPushEndpoint()]);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  push?.stop();
  await platform?.stop();
}, 60_000);

async function clientFor(who: { email: string; password: string }): Promise<MercatoClient> {
  const session = createAuthSession({ baseUrl: platform.gatewayUrl });
  await session.signIn(who);
  return createMercatoClient({ baseUrl: platform.gatewayUrl, getToken: () => session.getToken() });
}

async function newPage(viewport: keyof typeof VIEWPORTS): Promise<Page> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    baseURL: platform.webUrl,
    locale: "en-GB",
    timezoneId: "UTC",
    ...(viewport === "mobile" ? { isMobile: true, hasTouch: true } : {}),
  });
  contexts.push(context);
  const page = hydratedGoto(await context.newPage());
  page.setDefaultTimeout(30_000);
  return page;
}

/** An order of the demo shopper, paid through the saga with the test provider, then shipped by staff. */
async function paidAndShippedOrder(shopper: MercatoClient): Promise<{ orderId: string; number: string }> {
  const list = await shopper.catalog.products.list.query({ limit: 24 });
  let sku: string | undefined;
  for (const item of list.items) {
    const product = await shopper.catalog.products.bySlug.query({ slug: item.slug });
    sku = product.variants.find((v) => v.available >= 2)?.sku;
    if (sku) break;
  }
  if (!sku) throw new Error("no demo SKU has stock");
  await shopper.cart.clear.mutate({}).catch(() => undefined);
  await shopper.cart.addItem.mutate({ sku, quantity: 1 });
  const placed = await shopper.orders.checkout.mutate({
    email: demo("customer").email,
    shippingAddress: {
      name: "Sam Shopper",
      line1: "1 Main Street",
      city: "Lisbon",
      postalCode: "1000-001",
      country: "PT",
    },
    idempotencyKey: crypto.randomUUID(),
  });
  const orderId = placed.orderId;
  const payment = await until("a payment to pay", async () => (await shopper.orders.byId.query({ orderId })).payment);
  await shopper.payments.confirmTest.mutate({
    paymentId: payment.paymentId,
    clientSecret: payment.clientSecret ?? "",
    card: "4242424242424242",
  });
  await until(
    "the order to be paid",
    async () => (await shopper.orders.byId.query({ orderId })).paymentStatus === "PAID",
  );
  const staff = await clientFor(demo("fulfilment"));
  await staff.orders.admin.ship.mutate({ orderId, carrier: "DHL", trackingNumber: `TN-${orderId.slice(-6)}` });
  return { orderId, number: placed.number };
}

describe("SMS and push in the dev mailbox", () => {
  const phone = "+351912345678";
  let number = "";

  beforeAll(async () => {
    const shopper = await clientFor(demo("customer"));
    const me = await shopper.identity.me.query();
    await shopper.identity.updateProfile.mutate({ name: me.name, phone: "+351 912 345 678" });
    await shopper.identity.account.preferences.save.mutate({
      marketingConsent: false,
      regionId: null,
      language: null,
      channels: { order_updates: ["email", "push"], shipping_updates: ["email", "sms", "push"] },
    });
    const browserSub = push.subscription();
    await shopper.notifications.push.subscribe.mutate(browserSub);
    // Notifications learns the phone and preferences from identity's event (its own stream); the
    // checkout and payment below take longer than that relay, and the pushes prove it arrived.
    ({ number } = await paidAndShippedOrder(shopper));
    const pushed = await until("the paid and shipped pushes, decrypted", async () => {
      const got = push.receivedBy(browserSub.endpoint);
      return got.length >= 2 && got;
    });
    expect(pushed.map((p) => (JSON.parse(p.payload) as { title: string }).title).join(" | ")).toContain(number);
  }, 180_000);

  for (const viewport of Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]) {
    test(`${viewport}: the mailbox lists email, SMS and push with their channel`, async () => {
      const page = await newPage(viewport);
      try {
        await page.goto("/dev/mailbox");
        expect(await page.getByRole("heading", { name: "Sent messages" }).isVisible()).toBe(true);
        const rows = page.getByTestId("mail-row").filter({ hasText: number });
        await until("the order's SMS and push rows", async () => {
          await page.reload();
          const channels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-channel")));
          return channels.includes("sms") && channels.includes("push") && channels.includes("email");
        });
        await shot(page, SUITE, `${viewport}-all`);
        expect(await seriousViolations(page)).toEqual([]);

        await page.getByLabel("Channel").selectOption("sms");
        await page.getByRole("button", { name: "Filter" }).click();
        await page.waitForURL((u) => u.searchParams.get("channel") === "sms");
        const smsRows = page.getByTestId("mail-row");
        const channels = await smsRows.evaluateAll((els) => els.map((e) => e.getAttribute("data-channel")));
        expect(channels.length).toBeGreaterThan(0);
        expect(new Set(channels)).toEqual(new Set(["sms"]));
        await shot(page, SUITE, `${viewport}-sms`);

        await smsRows.filter({ hasText: number }).first().click();
        await page.waitForURL(/\/dev\/mailbox\/[^/?]+$/);
        expect(await page.getByTestId("mail-channel").textContent()).toBe("SMS");
        expect(await page.getByTestId("mail-to").textContent()).toBe(phone);
        expect(await page.locator("pre").textContent()).toContain(`/account/orders/`);
        expect(await page.locator("iframe").count()).toBe(0);
        await shot(page, SUITE, `${viewport}-sms-message`);
        expect(await seriousViolations(page)).toEqual([]);
      } catch (err) {
        await shot(page, SUITE, `failure-${viewport}`).catch(() => undefined);
        throw err;
      }
    }, 90_000);
  }
});

// SMS and web push in the dev mailbox (#22), on the whole platform (dev launcher, production web
// build, headless Chromium): the demo shopper gives a phone number, chooses SMS and push for
// shipping updates and push for order updates, and subscribes a browser (the harness's local push
// service, which checks VAPID and decrypts); an order paid and shipped through the saga then shows
// in /dev/mailbox as an email, an SMS (development's log sender) and push messages, each with its
// channel, filterable by channel; the SMS page shows its text and no HTML frame. Desktop and mobile
// screenshots, axe on the list and on a message.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { MercatoClient } from "@mercato/client";
import { type PushEndpoint, startPushEndpoint } from "@mercato/testing";
import { seriousViolations } from "./axe.ts";
import { browserSuite, demoUser, paidOrder, SHOPPER, skuInStock, until, VIEWPORTS } from "./browser-suite.ts";
import { shot } from "./platform.ts";

const SUITE = "channels-mailbox";

const suite = browserSuite(SUITE);
const { newPage, client: clientFor } = suite;
let push: PushEndpoint;

beforeAll(async () => {
  push = await startPushEndpoint();
});

afterAll(() => push?.stop());

/** An order of the demo shopper, paid through the saga with the test provider, then shipped by staff. */
async function paidAndShippedOrder(shopper: MercatoClient): Promise<{ orderId: string; number: string }> {
  const { orderId, number } = await paidOrder(shopper, { sku: await skuInStock(shopper), email: SHOPPER.email });
  const staff = await clientFor(demoUser("fulfilment"));
  await staff.orders.admin.ship.mutate({ orderId, carrier: "DHL", trackingNumber: `TN-${orderId.slice(-6)}` });
  return { orderId, number };
}

describe("SMS and push in the dev mailbox", () => {
  const phone = "+351912345678";
  let number = "";

  beforeAll(async () => {
    const shopper = await clientFor(SHOPPER);
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

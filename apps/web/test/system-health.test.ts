// The admin's system health page (#28) on the whole platform (dev launcher, production web build,
// headless Chromium): live over SSE, every service ready with its version, memory and consumers,
// the gateway's breakers; then a service's process is killed and the page marks it down while the
// others stay up. Then an order's event is dead-lettered by a real outage (payments is down when
// orders handles the order's reservation), the page shows it with its reason, Replay (once
// payments is back) moves the order on to its payment, and a second press changes nothing.
// Desktop and mobile, with axe-core. This suite kills services, so it starts a platform of its own
// (`startPlatform({ private: true })`), never the shared one.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DEFAULT_SERVICE_CALL_OPTIONS } from "@mercato/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { seriousViolations } from "./axe.ts";
import {
  emptyCartInEurope,
  LISBON_ADDRESS,
  payOrder,
  SHOPPER,
  signedInClient,
  skuInStock,
  until,
} from "./browser-suite.ts";
import { hydratedGoto, launchBrowser, type Platform, shot, startPlatform } from "./platform.ts";
import { pidListeningOn, stopRestartedServices, stopService } from "./service-process.ts";

const SUITE = "system-health";
const ADMIN = { email: "admin@mercato.dev", password: "mercato-admin-1" };
/** The service this suite kills: nothing the page itself needs (identity, the gateway) depends on it. */
const VICTIM = "analytics";

describe("system health in the admin", () => {
  let platform: Platform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ private: true });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    // The services this suite started again are its own (the launcher never restarts one).
    await stopRestartedServices();
    await platform?.stop();
  }, 60_000);

  async function adminPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId: "UTC" });
    contexts.push(context);
    const page = hydratedGoto(await context.newPage());
    await page.goto(`${platform.webUrl}/account/sign-in?next=/admin`);
    await page.locator("#email").fill(ADMIN.email);
    await page.locator("#password").fill(ADMIN.password);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(`${platform.webUrl}/admin`, { timeout: 60_000 });
    await page.goto(`${platform.webUrl}/admin/system`);
    await page
      .locator('[data-testid="system-health"][data-live="true"]')
      .waitFor({ state: "attached", timeout: 60_000 });
    return page;
  }

  test("the stream refuses the signed-out", async () => {
    const res = await fetch(`${platform.webUrl}/admin/system/stream`);
    expect(res.status).toBe(401);
    const replay = await fetch(`${platform.webUrl}/admin/system/replay`, { method: "POST", body: "{}" });
    expect(replay.status).toBe(401);
  });

  test("desktop: every service ready, the breakers closed; a killed service is marked down", async () => {
    const page = await adminPage({ width: 1440, height: 1000 });
    for (const name of ["identity", "catalog", "orders", "payments", VICTIM]) {
      await page.locator(`[data-service="${name}"][data-state="up"]`).waitFor({ timeout: 60_000 });
    }
    const orders = page.locator('[data-service="orders"]');
    const ordersText = (await orders.textContent()) ?? "";
    expect(ordersText).toMatch(/Version\s*\d+\.\d+\.\d+/);
    expect(ordersText).toContain("Lag orders-payments");
    await page.locator('[data-breaker="orders"][data-breaker-state="closed"]').waitFor({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, SUITE, "desktop-ready");

    const port = Number(new URL(platform.urls[`${VICTIM.toUpperCase()}_URL`] ?? "").port);
    process.kill(await pidListeningOn(port), "SIGKILL");
    const down = page.locator(`[data-service="${VICTIM}"][data-state="down"]`);
    await down.waitFor({ timeout: 60_000 });
    expect(await down.textContent()).toContain("down");
    // The others are still up, and the page kept streaming.
    await page.locator('[data-service="orders"][data-state="up"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="system-health"][data-live="true"]').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, SUITE, "desktop-service-down");
  }, 240_000);

  test("mobile: the same page, readable and accessible", async () => {
    const page = await adminPage({ width: 390, height: 844 });
    await page.locator(`[data-service="${VICTIM}"][data-state="down"]`).waitFor({ timeout: 60_000 });
    await page.locator('[data-service="orders"][data-state="up"]').waitFor({ timeout: 60_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, SUITE, "mobile");
  }, 240_000);

  test("desktop: an order's event dead-lettered while payments is down is replayed from the page; the order proceeds, once", async () => {
    const shopper = await signedInClient(platform, SHOPPER);
    const staff = await signedInClient(platform, ADMIN);
    const url = (name: string) => platform.urls[`${name.toUpperCase()}_URL`] ?? "";
    const sku = await skuInStock(shopper, 1);
    await emptyCartInEurope(shopper);
    await shopper.cart.addItem.mutate({ sku, quantity: 1 });

    // The outage: inventory is down while the order is placed (checkout needs cart, catalog and
    // payments' provider, not inventory), so orders.placed.v1 waits in its stream; then payments
    // goes down and inventory comes back. Inventory reserves, and orders' handler of
    // inventory.reserved.v1 cannot ask payments for the order's payment: every delivery fails
    // until the bus dead-letters it (orders' maxDeliver, with backoff).
    const inventory = await stopService(url("inventory"));
    const placed = await shopper.orders.checkout.mutate({
      email: SHOPPER.email,
      shippingAddress: { ...LISBON_ADDRESS },
      idempotencyKey: crypto.randomUUID(),
    });
    const payments = await stopService(url("payments"));
    await inventory.restart();

    const page = await adminPage({ width: 1440, height: 1000 });
    await page.locator('[data-service="payments"][data-state="down"]').waitFor({ timeout: 60_000 });
    const letters = page.locator('[data-service="orders"] [data-dead-letter]');
    const letter = letters.filter({ hasText: "inventory.reserved.v1" });
    await letter.waitFor({ timeout: 120_000 });
    expect(await letters.count()).toBe(1);
    expect(await letter.getAttribute("data-replayed")).toBe("false");
    const sequence = Number(await letter.getAttribute("data-dead-letter"));
    const reason = ((await letter.getByText(/^Reason: /).textContent()) ?? "").replace(/^Reason: /, "").trim();
    expect(reason.length).toBeGreaterThan(0);
    expect(reason).not.toBe("no reason recorded");
    // The handler's own failure, as the bus recorded it: payments refused the connection.
    expect(reason).toMatch(/ECONNREFUSED|unavailable/i);
    // The order is stuck: reserved, and no payment to pay.
    const stuck = await shopper.orders.byId.query({ orderId: placed.orderId });
    expect({ status: stuck.status, payment: stuck.payment }).toEqual({ status: "PENDING", payment: null });
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, SUITE, "desktop-dead-letter");

    // Replayed while payments is still down: it fails again, says why, and stays replayable.
    const failing = page.waitForResponse((r) => r.url().endsWith("/admin/system/replay"));
    await letter.getByRole("button", { name: "Replay" }).click();
    expect((await failing).status()).toBe(503);
    const failedAt = Date.now();
    await letter.getByRole("alert").filter({ hasText: "failed again" }).waitFor({ timeout: 30_000 });
    expect(await letter.getAttribute("data-replayed")).toBe("false");
    expect((await shopper.orders.byId.query({ orderId: placed.orderId })).payment).toBeNull();
    await shot(page, SUITE, "desktop-replay-failed");

    // Payments is back: Replay runs the letter through orders' handler, and the order moves on.
    await payments.restart();
    await page.locator('[data-service="payments"][data-state="up"]').waitFor({ timeout: 60_000 });
    // Orders' breaker toward payments last failed by the replay above and lets a call through again
    // only after its half-open delay: a press within it is refused fast (the breaker, not payments)
    // however up payments is. On a quick machine payments was back within those seconds and this
    // press got a 503 (FLAKY once in CI); an operator would press again, the test waits it out.
    await Bun.sleep(Math.max(0, failedAt + DEFAULT_SERVICE_CALL_OPTIONS.halfOpenAfterMs + 1_000 - Date.now()));
    const replaying = page.waitForResponse((r) => r.url().endsWith("/admin/system/replay"));
    await letter.getByRole("button", { name: "Replay" }).click();
    const replayed = await replaying;
    expect(replayed.status()).toBe(200);
    expect(await replayed.json()).toMatchObject({ sequence, outcome: "replayed" });
    await page
      .locator(`[data-dead-letter="${sequence}"][data-replayed="true"]`)
      .filter({ hasText: `by ${ADMIN.email}` })
      .waitFor({ timeout: 30_000 });
    // No button is left to press again.
    expect(await letter.getByRole("button", { name: "Replay" }).count()).toBe(0);
    const moved = await until("the order to await its payment", async () => {
      const order = await shopper.orders.byId.query({ orderId: placed.orderId });
      return order.payment ? order : null;
    });
    expect({ status: moved.status, paymentStatus: moved.paymentStatus }).toEqual({
      status: "PENDING",
      paymentStatus: "AWAITING",
    });
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, SUITE, "desktop-replayed");

    // A second press (as a tab that had not seen the first would send it) runs nothing.
    const again = await page.evaluate(async (seq) => {
      const res = await fetch("/admin/system/replay", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ service: "orders", sequence: seq }),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    }, sequence);
    expect(again).toMatchObject({ status: 200, body: { sequence, outcome: "already-replayed" } });
    const after = await shopper.orders.byId.query({ orderId: placed.orderId });
    expect({ version: after.version, paymentId: after.payment?.paymentId }).toEqual({
      version: moved.version,
      paymentId: moved.payment?.paymentId,
    });
    const intents = await staff.payments.admin.listForOrder.query({ orderId: placed.orderId });
    expect(intents.length).toBe(1);

    // And the order goes the rest of its way: paid once, for its total.
    await payOrder(shopper, placed.orderId);
    const paid = await shopper.orders.byId.query({ orderId: placed.orderId });
    expect({ status: paid.status, paymentStatus: paid.paymentStatus, paidAmount: paid.paidAmount }).toEqual({
      status: "PLACED",
      paymentStatus: "PAID",
      paidAmount: paid.totals.total,
    });

    // On a phone the replayed letter reads the same, with nothing left to press.
    const phone = await adminPage({ width: 390, height: 844 });
    const onPhone = phone.locator(`[data-service="orders"] [data-dead-letter="${sequence}"][data-replayed="true"]`);
    await onPhone.waitFor({ timeout: 60_000 });
    expect(await onPhone.getByRole("button", { name: "Replay" }).count()).toBe(0);
    expect(await seriousViolations(phone)).toEqual([]);
    await shot(phone, SUITE, "mobile-replayed");
  }, 420_000);
});

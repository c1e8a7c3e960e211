// Returns end to end (#19), on the whole platform (dev launcher, production web build, headless
// Chromium): the demo shopper's order is placed and paid through the real saga, shipped and
// delivered by admin procedures; the shopper requests a return from the account, sees the parcel's
// tracking link and the request; the admin finds it in the returns queue, approves it and records
// what arrived; the refund shows on the order for both. Desktop and phone, screenshots, axe-core on
// every page this touches. The pure rules behind the forms are checked first.
import { describe, expect, test } from "bun:test";
import { createMercatoClient, type MercatoClient } from "@mercato/client";
import type { OrderView } from "@mercato/orders/contract";
import { chosenLines, eventFacts, eventTitle, initialQuantities, orderTimeline } from "../lib/orders/lines.ts";
import { knownValue, statusLabel, transitionLabel } from "../lib/orders/status.ts";
import {
  ADMIN,
  browserSuite,
  emptyCartInEurope,
  expectAxeClean,
  LISBON_ADDRESS,
  payOrder,
  SHOPPER,
  signInThroughForm,
  until,
} from "./browser-suite.ts";
import { shot } from "./platform.ts";

const SUITE = "returns";

describe("order screens' rules (pure)", () => {
  test("typed quantities become lines; blanks and zeros are left out, bad numbers named by SKU", () => {
    const rows = [
      { sku: "A", title: "Tee", max: 2 },
      { sku: "B", title: "Cap", max: 1 },
      { sku: "C", title: "Mug", max: 3 },
    ];
    expect(initialQuantities(rows, "max")).toEqual({ A: "2", B: "1", C: "3" });
    expect(chosenLines(rows, { A: "2", B: "0", C: "" })).toEqual({ lines: [{ sku: "A", quantity: 2 }], problems: {} });
    expect(chosenLines(rows, { A: "3", B: "1.5", C: "-1" }).problems).toEqual({
      A: "a whole number from 0 to 2",
      B: "a whole number from 0 to 1",
      C: "a whole number from 0 to 3",
    });
  });

  test("statuses read with the contract's labels; unknown values are humanized; URL values are checked", () => {
    expect(statusLabel("payment", "PARTIALLY_REFUNDED")).toEqual({ label: "Partially refunded", tone: "amber" });
    expect(statusLabel("fulfilment", "DELIVERED").tone).toBe("green");
    expect(statusLabel("order", "SOMETHING_NEW")).toEqual({ label: "Something new", tone: "neutral" });
    expect(knownValue(["PAID", "REFUNDED"], "PAID")).toBe("PAID");
    expect(knownValue(["PAID", "REFUNDED"], "paid")).toBeUndefined();
    expect(knownValue(["PAID", "REFUNDED"], ["PAID"])).toBeUndefined();
  });

  test("a timeline step names what changed; event data reads as lines and facts", () => {
    const placed = { status: "PENDING", paymentStatus: "AWAITING", fulfilmentStatus: "NOT_FULFILLED" };
    const paid = { ...placed, status: "PLACED", paymentStatus: "PAID" };
    expect(transitionLabel(null, placed)).toBe("Pending");
    expect(transitionLabel(placed, paid)).toBe("Placed · Paid");
    expect(transitionLabel(paid, { ...paid, fulfilmentStatus: "PARTIALLY_FULFILLED" })).toBe("Partially shipped");
    expect(transitionLabel(paid, paid)).toBe("Updated");
    expect(eventTitle("ReturnReceived")).toBe("Return received");
    expect(
      eventFacts({
        lines: [
          { sku: "TEE-M", received: 1, damaged: 1 },
          { sku: "TEE-L", quantity: 2, exchangeForSku: "TEE-XL" },
        ],
        carrier: "DHL",
        note: "",
        amount: 500,
      }),
    ).toEqual(["TEE-M: 1 received, 1 damaged, TEE-L × 2 → TEE-XL", "carrier: DHL"]);
  });
});

describe("the storefront's order timeline (pure)", () => {
  test("placed, paid, parcels, the return's steps and its refund, oldest first", () => {
    const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 10, m)).toISOString();
    const steps = orderTimeline({
      placedAt: at(0),
      paidAt: at(1),
      shipments: [
        { id: "s1", carrier: "DHL", shippedAt: at(2), deliveredAt: at(5) },
        { id: "s2", carrier: "UPS", shippedAt: at(3), deliveredAt: null },
      ],
      cancelledLines: [],
      returns: [
        {
          id: "r1",
          number: "R-MC-1-1",
          status: "REFUNDED",
          requestedAt: at(6),
          decidedAt: at(7),
          receivedAt: at(8),
          refundedAt: at(8),
        },
      ],
      refunds: [{ refundId: "f1", amount: 1890, at: at(8), returnId: "r1" }],
      cancellation: null,
    });
    expect(steps.map((s) => s.label)).toEqual([
      "Order placed",
      "Payment received",
      "Parcel 1 shipped with DHL",
      "Parcel 2 shipped with UPS",
      "Parcel 1 delivered",
      "Return R-MC-1-1 requested",
      "Return R-MC-1-1 approved",
      "Return R-MC-1-1 received",
      "Refund for return R-MC-1-1",
    ]);
    expect(steps.at(-1)?.amount).toBe(1890);
  });
});

describe("returns in the browser", () => {
  const suite = browserSuite(SUITE);
  const { newPage, withFailureShot, client: clientFor } = suite;
  const signIn = signInThroughForm;

  function guestOrderClient(orderId: string, token: string): MercatoClient {
    return createMercatoClient({ baseUrl: suite.platform.gatewayUrl, orderTokens: () => ({ [orderId]: token }) });
  }

  /** A demo SKU with stock for two units, preferring a product with other variants (an exchange to offer). */
  async function pickSku(shopper: MercatoClient): Promise<string> {
    const list = await shopper.catalog.products.list.query({ limit: 24 });
    let fallback: string | null = null;
    // Goods only: a gift card (#27) is not returned.
    for (const item of list.items.filter((p) => p.kind !== "gift_card")) {
      const product = await shopper.catalog.products.bySlug.query({ slug: item.slug });
      const stocked = product.variants.find((v) => v.available >= 3);
      if (!stocked) continue;
      if (product.variants.length > 1) return stocked.sku;
      fallback ??= stocked.sku;
    }
    if (!fallback) throw new Error("no demo SKU has three units in stock");
    return fallback;
  }

  /**
   * Places and pays the order through the saga (the signed-in demo shopper's cart, or a guest's
   * when `guest` is set), then ships and delivers it with admin procedures.
   */
  async function deliveredOrder(
    client: MercatoClient,
    admin: MercatoClient,
    sku: string,
    stamp: string,
    guest?: { email: string },
  ) {
    let cartToken: string | undefined;
    if (guest) {
      cartToken = (await client.cart.addItem.mutate({ sku, quantity: 2 })).cartToken ?? undefined;
    } else {
      await emptyCartInEurope(client);
      await client.cart.addItem.mutate({ sku, quantity: 2 });
    }
    const placed = await client.orders.checkout.mutate({
      cartToken,
      email: guest?.email ?? SHOPPER.email,
      shippingAddress: { ...LISBON_ADDRESS },
      idempotencyKey: crypto.randomUUID(),
    });
    const orderId = placed.orderId;
    // A guest reads its order with the access token checkout answered (in a header, never the URL).
    const shopper = guest ? guestOrderClient(orderId, placed.accessToken) : client;
    await payOrder(shopper, orderId);
    await admin.orders.admin.ship.mutate({
      orderId,
      carrier: "DHL",
      trackingNumber: `RET${stamp}`,
      trackingUrl: `https://track.example/RET${stamp}`,
    });
    const shipped = await admin.orders.admin.byId.query({ orderId });
    const shipment = shipped.order.shipments[0];
    if (!shipment) throw new Error("the order has no shipment after shipping");
    await admin.orders.admin.deliver.mutate({ orderId, shipmentId: shipment.id });
    await until(
      "the shopper to see it delivered",
      async () => (await shopper.orders.byId.query({ orderId })).fulfilmentStatus === "DELIVERED",
    );
    return placed;
  }

  test("a shopper asks to return a unit; the admin approves and receives it; both see the refund", async () => {
    const stamp = Date.now().toString(36).toUpperCase();
    const shopper = await clientFor(SHOPPER);
    const admin = await clientFor(ADMIN);
    const sku = await pickSku(shopper);
    const { orderId, number } = await deliveredOrder(shopper, admin, sku, stamp);
    const orderPath = `/account/orders/${orderId}`;

    // The shopper, signed in, sees the parcel with its tracking link, and asks for one unit back.
    const shop = await newPage("desktop");
    await withFailureShot(shop, "shopper-request", async () => {
      await signIn(shop, SHOPPER, orderPath);
      const main = shop.locator("#main");
      await main.getByRole("heading", { name: `Order ${number}` }).waitFor();
      await main.locator("[data-testid=fulfilment-status][data-status=DELIVERED]").waitFor();
      const link = main.getByTestId("shipment").getByTestId("tracking-link");
      expect(await link.getAttribute("href")).toBe(`https://track.example/RET${stamp}`);
      await main.getByRole("button", { name: "Request a return" }).click();
      const form = main.getByRole("form", { name: "Request a return" });
      expect(await form.locator(`#return-qty-${sku}`).getAttribute("max")).toBe("2");
      // Nothing chosen: the form says so before sending anything.
      await form.getByRole("button", { name: "Send return request" }).click();
      await form.getByText("choose at least one item to return").waitFor();
      await form.locator(`#return-qty-${sku}`).fill("1");
      await form.getByRole("button", { name: "Send return request" }).click();
      await form.getByRole("alert").filter({ hasText: "choose a reason" }).waitFor();
      await form.locator(`#return-reason-${sku}`).selectOption("doesnt_fit");
      await shot(shop, SUITE, "desktop-01-request-form");
      await expectAxeClean(shop, "shop order, return form open");
      await form.getByRole("button", { name: "Send return request" }).click();
      await main.getByRole("status").filter({ hasText: "Your return request is in" }).waitFor();
      await main.getByTestId("returns").locator("[data-testid=return-status][data-status=REQUESTED]").waitFor();
      await main.getByTestId("returns").getByText("It doesn't fit").waitFor();
      await shot(shop, SUITE, "desktop-02-requested");
      await expectAxeClean(shop, "shop order, return requested");
    });
    const requested = await shopper.orders.byId.query({ orderId });
    const ret = requested.returns[0];
    if (!ret) throw new Error("the return was not recorded");
    expect(ret.lines).toMatchObject([{ sku, quantity: 1, reason: "doesnt_fit", exchangeForSku: null }]);

    // The admin finds it in the queue (filtered by status, in the URL), approves it, records the parcel.
    const desk = await newPage("desktop");
    await withFailureShot(desk, "admin-receive", async () => {
      await signIn(desk, ADMIN, "/admin/returns");
      await desk.getByRole("heading", { name: "Returns", level: 1 }).waitFor();
      await desk.locator("select[name=status]").selectOption("REQUESTED");
      await desk.waitForURL(/[?&]status=REQUESTED/);
      const queue = desk.getByRole("table", { name: "Returns" });
      await queue.getByRole("link", { name: ret.number }).waitFor();
      await desk.locator("input[name=q]").fill(number);
      await desk.waitForURL(new RegExp(`[?&]q=${number}`));
      await queue.getByRole("link", { name: ret.number }).waitFor();
      await shot(desk, SUITE, "desktop-03-queue");
      await expectAxeClean(desk, "admin returns queue");
      await queue.getByRole("link", { name: ret.number }).click();
      await desk.waitForURL(new RegExp(`/admin/orders/${orderId}`));
      const card = desk.locator(`[data-testid=return][data-return-id="${ret.id}"]`);
      await card.locator("[data-testid=return-status][data-status=REQUESTED]").waitFor();
      await card.locator(`input[name="note-${ret.id}"]`).fill("Send it back in its box, please.");
      await card.getByRole("button", { name: `Approve ${ret.number}` }).click();
      await card.locator("[data-testid=return-status][data-status=APPROVED]").waitFor({ timeout: 20_000 });
      await card.locator(`#received-${ret.id}-${sku}`).fill("1");
      await card.locator(`#damaged-${ret.id}-${sku}`).fill("0");
      await shot(desk, SUITE, "desktop-04-receive");
      await expectAxeClean(desk, "admin order, receiving a return");
      await card.getByRole("button", { name: "Record receipt" }).click();
      await card.locator("[data-testid=return-status][data-status=REFUNDED]").waitFor({ timeout: 45_000 });
      await card.getByTestId("return-refund").waitFor();
      await desk.getByTestId("timeline").getByText("Return received").waitFor();
      await shot(desk, SUITE, "desktop-05-refunded");
      await expectAxeClean(desk, "admin order, return refunded");
    });

    // The refund is exact and the same for both: the return's, the order's refunded total.
    const refunded = await until("the refund on the order", async () => {
      const order: OrderView = await shopper.orders.byId.query({ orderId });
      return order.returns[0]?.refund && order.refundedTotal > 0 ? order : null;
    });
    const refund = refunded.returns[0]?.refund;
    expect(refund?.amount).toBeGreaterThan(0);
    expect(refunded.refundedTotal).toBe(refund?.amount ?? -1);
    expect(refunded.paymentStatus).toBe("PARTIALLY_REFUNDED");
    const adminView = (await admin.orders.admin.byId.query({ orderId })).order;
    expect(adminView.refundedTotal).toBe(refunded.refundedTotal);
    const money = new Intl.NumberFormat("en-GB", { style: "currency", currency: refunded.totals.currency }).format(
      refunded.refundedTotal / 100,
    );
    await desk.getByTestId("order-refunded").getByText(money).waitFor();

    // The shopper's page shows the refund, on desktop and on a phone.
    await withFailureShot(shop, "shopper-refund", async () => {
      await shop.goto(orderPath);
      const main = shop.locator("#main");
      await main.locator("[data-testid=return-status][data-status=REFUNDED]").waitFor();
      await main.getByTestId("return-refund").getByText(money).waitFor();
      await main.getByTestId("order-refunded").getByText(money).waitFor();
      const timeline = main.getByTestId("order-timeline");
      await timeline.getByText(`Return ${ret.number} received`).waitFor();
      await timeline.getByText(`Refund for return ${ret.number}`).waitFor();
      await main.locator("[data-testid=payment-status][data-status=PARTIALLY_REFUNDED]").first().waitFor();
      await shot(shop, SUITE, "desktop-06-shopper-refunded");
      await expectAxeClean(shop, "shop order, refunded");
    });
    const phone = await newPage("mobile");
    await withFailureShot(phone, "mobile", async () => {
      await signIn(phone, SHOPPER, orderPath);
      const main = phone.locator("#main");
      await main.getByTestId("return-refund").getByText(money).waitFor();
      // One unit is still returnable: the form opens on a phone too.
      await main.getByRole("button", { name: "Request a return" }).click();
      expect(await main.locator(`#return-qty-${sku}`).getAttribute("max")).toBe("1");
      await shot(phone, SUITE, "mobile-01-shopper-order");
      await expectAxeClean(phone, "shop order on a phone");
      await phone.goto("/account/orders");
      await phone.getByTestId("order-history").getByText(`Order ${number}`).waitFor();
      await shot(phone, SUITE, "mobile-02-order-history");
      await expectAxeClean(phone, "order history on a phone");
    });
    const adminPhone = await newPage("mobile");
    await withFailureShot(adminPhone, "mobile-admin", async () => {
      await signIn(adminPhone, ADMIN, `/admin/orders/${orderId}`);
      await adminPhone.getByTestId("return-refund").getByText(money).waitFor();
      await shot(adminPhone, SUITE, "mobile-03-admin-order");
      await expectAxeClean(adminPhone, "admin order on a phone");
      await adminPhone.goto("/admin/returns?status=REFUNDED");
      await adminPhone.getByRole("table", { name: "Returns" }).getByRole("link", { name: ret.number }).waitFor();
      await shot(adminPhone, SUITE, "mobile-04-admin-queue");
      await expectAxeClean(adminPhone, "admin returns queue on a phone");
      await adminPhone.goto(`/admin/orders?paymentStatus=PARTIALLY_REFUNDED&fulfilmentStatus=PARTIALLY_RETURNED`);
      await adminPhone.getByRole("table", { name: "Orders" }).getByText(number).waitFor();
      expect(await adminPhone.locator("select[name=paymentStatus]").inputValue()).toBe("PARTIALLY_REFUNDED");
      await shot(adminPhone, SUITE, "mobile-05-admin-orders-filtered");
      await expectAxeClean(adminPhone, "admin orders filtered by status");
    });
  }, 300_000);

  test("a guest with the order's token cookie requests a return; without it the order stays closed", async () => {
    const stamp = `G${Date.now().toString(36).toUpperCase()}`;
    const admin = await clientFor(ADMIN);
    const anonymous = createMercatoClient({ baseUrl: suite.platform.gatewayUrl });
    const sku = await pickSku(anonymous);
    const email = `guest-${stamp.toLowerCase()}@example.com`;
    const { orderId, number, accessToken } = await deliveredOrder(anonymous, admin, sku, stamp, { email });

    // Another browser, without the token: nothing of the order is shown, no return can be asked.
    const stranger = await newPage("mobile");
    await stranger.goto(`/account/orders/${orderId}`);
    await stranger.locator("#main").getByText("We cannot show this order").waitFor();
    expect(await stranger.getByRole("button", { name: "Request a return" }).count()).toBe(0);

    // The guest's browser: the emailed link's fragment becomes the HttpOnly cookie, then the return.
    const page = await newPage("mobile");
    await withFailureShot(page, "guest", async () => {
      await page.goto(`/account/orders/${orderId}#token=${accessToken}`);
      const main = page.locator("#main");
      await main.getByRole("heading", { name: `Order ${number}` }).waitFor();
      expect(page.url()).not.toContain(accessToken);
      await main.getByRole("button", { name: "Request a return" }).click();
      await main.locator(`#return-qty-${sku}`).fill("2");
      await main.locator(`#return-reason-${sku}`).selectOption("damaged");
      await main.getByRole("button", { name: "Send return request" }).click();
      await main.locator("[data-testid=return-status][data-status=REQUESTED]").waitFor();
      await shot(page, SUITE, "mobile-06-guest-requested");
      await expectAxeClean(page, "guest order on a phone, return requested");
    });
    const seen = await guestOrderClient(orderId, accessToken).orders.byId.query({ orderId });
    expect(seen.returns.map((r) => [r.status, r.lines.map((l) => [l.sku, l.quantity, l.reason])])).toEqual([
      ["REQUESTED", [[sku, 2, "damaged"]]],
    ]);
  }, 240_000);

  test("the admin ships one of two units, cancels the other, and delivers the parcel from the order page", async () => {
    const stamp = `P${Date.now().toString(36).toUpperCase()}`;
    const shopper = await clientFor(SHOPPER);
    const sku = await pickSku(shopper);
    await emptyCartInEurope(shopper);
    await shopper.cart.addItem.mutate({ sku, quantity: 2 });
    const placed = await shopper.orders.checkout.mutate({
      email: SHOPPER.email,
      shippingAddress: { ...LISBON_ADDRESS },
      idempotencyKey: crypto.randomUUID(),
    });
    const orderId = placed.orderId;
    await payOrder(shopper, orderId);

    const page = await newPage("desktop");
    await withFailureShot(page, "partial", async () => {
      await signIn(page, ADMIN, `/admin/orders/${orderId}`);
      await page.locator("[data-testid=fulfilment-status][data-status=NOT_FULFILLED]").waitFor();
      await page.getByRole("button", { name: "Ship", exact: true }).click();
      await page.locator(`#ship-${sku}`).fill("1");
      await page.locator("#carrier").fill("UPS");
      await page.locator("#trackingNumber").fill(stamp);
      await page.getByRole("button", { name: "Confirm shipment" }).click();
      await page.locator("[data-testid=fulfilment-status][data-status=PARTIALLY_FULFILLED]").waitFor();
      await page.getByTestId("shipment").getByText(`1 × `).waitFor();
      // The other unit is cancelled (its money goes back), leaving nothing to ship.
      await page.getByRole("button", { name: "Cancel lines" }).click();
      expect(await page.locator(`#cancel-${sku}`).getAttribute("max")).toBe("1");
      await page.locator(`#cancel-${sku}`).fill("1");
      await page.locator("#cancelLinesReason").fill("Out of stock at the warehouse");
      await page.getByRole("button", { name: "Cancel the lines" }).click();
      await page.locator("[data-testid=fulfilment-status][data-status=FULFILLED]").waitFor({ timeout: 20_000 });
      await page.locator("[data-testid=payment-status][data-status=PARTIALLY_REFUNDED]").waitFor({ timeout: 30_000 });
      expect(await page.getByRole("button", { name: "Ship", exact: true }).isDisabled()).toBe(true);
      await page.getByRole("button", { name: /Mark delivered/ }).click();
      await page.locator("[data-testid=fulfilment-status][data-status=DELIVERED]").waitFor();
      await page
        .getByTestId("shipment")
        .getByText(/Delivered/)
        .waitFor();
      await page.getByTestId("timeline").getByText("Lines cancelled").first().waitFor();
      await shot(page, SUITE, "desktop-07-partial-ship-cancel-deliver");
      await expectAxeClean(page, "admin order after a partial shipment and cancelled lines");
    });
    const after = await shopper.orders.byId.query({ orderId });
    expect(after.shipments.map((s) => s.lines)).toEqual([[{ sku, quantity: 1 }]]);
    expect(after.cancelledLines.map((c) => c.lines)).toEqual([[{ sku, quantity: 1 }]]);
    expect(after.refundedTotal).toBe(after.cancelledLines[0]?.refundAmount ?? -1);
  }, 240_000);
});

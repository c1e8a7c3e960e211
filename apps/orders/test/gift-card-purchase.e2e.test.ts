import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { stockRowMade } from "@mercato/testing";
import { mockThirdParties } from "@mercato/testing/msw";
import { HttpResponse, http } from "msw";
import { SHOPPER_CANCEL_REASONS } from "../src/contract.ts";
import { availableOf, checkoutInput, eventually, failure, type Platform, setStock, startPlatform } from "./platform.ts";

/**
 * A gift card bought through the catalog and the cart, then spent (#27), over real processes:
 * identity, catalog, inventory, cart, payments and orders each in their own process on private
 * NATS and Redis; notifications in this process so msw can stand in for Resend (the one third
 * party) and the test reads the codes that were really emailed.
 */
const emails: { to: string; subject: string; text: string }[] = [];
const msw = mockThirdParties(
  http.post("https://api.resend.com/emails", async ({ request }) => {
    const body = (await request.json()) as { to: string | string[]; subject: string; text: string };
    emails.push({ to: [body.to].flat()[0] ?? "", subject: body.subject, text: body.text });
    return HttpResponse.json({ id: `re_${crypto.randomUUID()}` });
  }),
);

let p: Platform;
const run = Date.now().toString(36);
const GIFT_100 = `GC-${run}-100`.toUpperCase();
const GIFT_25 = `GC-${run}-25`.toUpperCase();
const GOODS = `GOODS-${run}`.toUpperCase();
const R1 = { recipientEmail: `ada-${run}@example.com`, recipientName: "Ada", message: "Happy birthday!" };
const R2 = { recipientEmail: `alan-${run}@example.com`, recipientName: "Alan" };

beforeAll(async () => {
  p = await startPlatform({
    notificationsInProcess: true,
    env: { notifications: { RESEND_API_KEY: "re_test_key", EMAIL_TRANSPORT: "resend", EMAIL_POLL_MS: "100" } },
  });
  const priced = (amount: number) => (["EUR", "GBP", "USD"] as const).map((currency) => ({ currency, amount }));
  await p.admin.catalog.catalog.admin.products.create.mutate({
    title: `Gift card ${run}`,
    status: "active",
    kind: "gift_card",
    variants: [
      { sku: GIFT_100, options: { amount: "€100" }, prices: [...priced(10_000)] },
      { sku: GIFT_25, options: { amount: "€25" }, prices: [...priced(2_500)] },
    ],
  });
  await p.admin.catalog.catalog.admin.products.create.mutate({
    title: `Goods ${run}`,
    status: "active",
    variants: [{ sku: GOODS, prices: [...priced(3_000)], weightGrams: 300 }],
  });
  // Inventory gives the goods a stock row from the catalog's event; then staff count 20 in.
  await stockRowMade(p.admin.inventory.inventory, GOODS);
  await setStock(p, GOODS, 20);
}, 120_000);

afterAll(async () => {
  await p?.dispose();
  msw.close();
});

const cart = () => p.shop.cart().cart;
const orders = () => p.shop.orders().orders;
const balanceOf = async (code: string) => (await p.shop.payments.payments.giftCards.balance.mutate({ code })).balance;

type Placed = Awaited<ReturnType<ReturnType<typeof orders>["checkout"]["mutate"]>>;
const view = (placed: Placed) =>
  p.shop.orders(undefined, { "x-order-token": placed.accessToken }).orders.byId.query({ orderId: placed.orderId });
const until = (placed: Placed, check: (o: Awaited<ReturnType<typeof view>>) => boolean) =>
  eventually(async () => {
    const o = await view(placed);
    return check(o) ? o : undefined;
  }, 30_000);

async function payByCard(placed: Placed, amount?: number) {
  const awaiting = await until(placed, (o) => o.payment?.clientSecret != null);
  if (!awaiting.payment?.clientSecret) throw new Error("no payment to confirm");
  if (amount !== undefined) {
    const payment = await p.internal.payments.payments.internal.byOrder.query({ orderId: placed.orderId });
    expect(payment?.amount).toBe(amount);
  }
  await p.shop.payments.payments.confirmTest.mutate({
    paymentId: awaiting.payment.paymentId,
    clientSecret: awaiting.payment.clientSecret,
    card: "4242424242424242",
  });
  return until(placed, (o) => o.paymentStatus === "PAID");
}

async function goodsCheckout(quantity: number, email: string, giftCardCode: string) {
  const { cartToken } = await cart().addItem.mutate({ sku: GOODS, quantity });
  return orders().checkout.mutate({ ...checkoutInput(email, cartToken ?? undefined), giftCardCode });
}

describe("a gift-card product", () => {
  test("staff make one zero-rated, in payments' amounts, with no compare-at price", async () => {
    type Input = Parameters<typeof p.admin.catalog.catalog.admin.products.create.mutate>[0];
    type VariantIn = Input["variants"][number];
    const create = (over: Partial<Input>, variant: Partial<VariantIn> = {}) =>
      failure(
        p.admin.catalog.catalog.admin.products.create.mutate({
          title: "Bad gift card",
          kind: "gift_card",
          variants: [{ sku: `BAD-${run}`, price: 2_500, ...variant }],
          ...over,
        }),
      );
    expect((await create({ taxClass: "standard" })).data).toMatchObject({ code: "BAD_REQUEST", field: "taxClass" });
    expect((await create({}, { price: 100 })).data).toMatchObject({ field: "variants.0.price" });
    expect((await create({}, { weightGrams: 50 })).data).toMatchObject({ field: "variants.0.weightGrams" });
    expect((await create({}, { compareAtPrice: 3_000 })).data).toMatchObject({ field: "variants.0.compareAtPrice" });
    // Nothing was written: the SKU is free.
    expect(await p.shop.catalog.catalog.products.bySkus.query({ skus: [`BAD-${run}`] })).toEqual([]);

    const [row] = await p.shop.catalog.catalog.products.bySkus.query({ skus: [GIFT_25] });
    expect(row).toMatchObject({ kind: "gift_card", taxClass: "zero", weightGrams: 0, available: 10 });
    // Inventory keeps no stock of it: the goods made after it have their row, the cards none.
    await eventually(async () =>
      (await p.admin.inventory.inventory.admin.list.query({ q: GOODS })).items.length ? true : undefined,
    );
    expect((await p.admin.inventory.inventory.admin.list.query({ q: `GC-${run}`.toUpperCase() })).items).toEqual([]);
  });

  test("the cart asks who it is for, and keeps one recipient per line", async () => {
    const noRecipient = await failure(cart().addItem.mutate({ sku: GIFT_25, quantity: 1 }));
    expect(noRecipient.data).toMatchObject({ code: "BAD_REQUEST", field: "giftCard.recipientEmail" });
    const badEmail = await failure(
      cart().addItem.mutate({ sku: GIFT_25, quantity: 1, giftCard: { ...R2, recipientEmail: "not-an-email" } }),
    );
    expect(badEmail.data?.code).toBe("BAD_REQUEST");
    const onGoods = await failure(cart().addItem.mutate({ sku: GOODS, quantity: 1, giftCard: R1 }));
    expect(onGoods.data).toMatchObject({ code: "BAD_REQUEST", field: "giftCard" });

    const alone = await cart().addItem.mutate({ sku: GIFT_25, quantity: 1, giftCard: R2 });
    const cartToken = alone.cartToken;
    // Gift cards only: nothing ships, nothing is taxed.
    expect(alone.totals).toMatchObject({ subtotal: 2_500, shipping: 0, tax: 0, total: 2_500 });
    expect(alone.shippingOptions).toEqual([]);
    const other = await failure(
      cart().addItem.mutate({ sku: GIFT_25, quantity: 1, giftCard: R1, cartToken: cartToken ?? undefined }),
    );
    expect(other.data).toMatchObject({ code: "CONFLICT", field: "giftCard" });
    const over = await failure(
      cart().addItem.mutate({ sku: GIFT_25, quantity: 10, giftCard: R2, cartToken: cartToken ?? undefined }),
    );
    expect(over.data?.field).toBe("quantity");
  });
});

describe("bought, emailed, then spent across two orders", () => {
  test("paying issues one card per unit to each line's recipient; the code spends exactly", async () => {
    // One cart: a €100 card for Ada, two €25 cards for Alan, and one item of goods.
    const first = await cart().addItem.mutate({ sku: GIFT_100, quantity: 1, giftCard: R1 });
    const cartToken = first.cartToken ?? undefined;
    await cart().addItem.mutate({ sku: GIFT_25, quantity: 2, giftCard: R2, cartToken });
    const shown = await cart().addItem.mutate({ sku: GOODS, quantity: 1, cartToken });
    const line = (sku: string) => shown.lines.find((l) => l.sku === sku);
    expect(line(GIFT_100)).toMatchObject({ kind: "gift_card", giftCard: R1, tax: 0, discount: 0 });
    expect(line(GIFT_25)?.giftCard).toEqual({ ...R2, message: "" });
    expect(line(GOODS)).toMatchObject({ kind: "standard", giftCard: null });
    expect(shown.totals.subtotal).toBe(10_000 + 5_000 + 3_000);

    // A gift card is not paid with a gift card; the refusal writes nothing.
    const staffCard = await p.admin.payments.payments.giftCards.admin.issue.mutate({
      amount: 50_000,
      currency: "EUR",
      recipientEmail: `staff-${run}@example.com`,
      recipientName: "Staff",
      reason: "gift card purchase test",
    });
    const refused = await failure(
      orders().checkout.mutate({
        ...checkoutInput(`buyer-${run}@example.com`, cartToken),
        giftCardCode: staffCard.code,
      }),
    );
    expect(refused.data).toMatchObject({ code: "BAD_REQUEST", field: "giftCardCode" });
    expect(await balanceOf(staffCard.code)).toBe(50_000);

    const placed = await orders().checkout.mutate(checkoutInput(`buyer-${run}@example.com`, cartToken));
    // Only the goods are taxed and shipped; the order's total is what the cart showed.
    expect(placed.totals.total).toBe(shown.totals.total);
    expect(placed.totals.shipping).toBe(shown.totals.shipping);
    expect(shown.totals.shipping).toBeGreaterThan(0);
    const paid = await payByCard(placed, placed.totals.total);
    expect(paid.paidAmount).toBe(placed.totals.total);
    // Shipping is about the goods (the cards were emailed): none shipped yet.
    expect({ status: paid.status, fulfilment: paid.fulfilmentStatus }).toEqual({
      status: "PLACED",
      fulfilment: "NOT_FULFILLED",
    });
    // The cards go out when it is paid: neither the shopper nor staff can cancel it for a refund now.
    const shopperCancel = await failure(
      p.shop.orders(undefined, { "x-order-token": placed.accessToken }).orders.cancel.mutate({
        orderId: placed.orderId,
        reason: SHOPPER_CANCEL_REASONS[0],
      }),
    );
    expect(shopperCancel.data).toMatchObject({ code: "CONFLICT", field: "fulfilmentStatus" });
    const staffCancel = await failure(
      p.admin.orders.orders.admin.cancel.mutate({ orderId: placed.orderId, reason: "test: staff cancel" }),
    );
    expect(staffCancel.data).toMatchObject({ code: "CONFLICT", field: "fulfilmentStatus" });
    // Inventory held and committed the goods only.
    await eventually(async () => ((await availableOf(p, GOODS)) === 19 ? true : undefined));

    // Three cards, each emailed to its recipient with its code; none is issued twice.
    const sent = await eventually(async () => {
      const mine = emails.filter((e) => e.to === R1.recipientEmail || e.to === R2.recipientEmail);
      return mine.length >= 3 ? mine : undefined;
    }, 30_000);
    const codeIn = (text: string) => text.match(/GC(-[0-9A-Z]{1,4}){7}/)?.[0];
    const forAda = sent.filter((e) => e.to === R1.recipientEmail);
    const forAlan = sent.filter((e) => e.to === R2.recipientEmail);
    expect(forAda).toHaveLength(1);
    expect(forAlan).toHaveLength(2);
    expect(forAda[0]?.text).toContain("Happy birthday!");
    const codes = sent.map((e) => codeIn(e.text));
    expect(new Set(codes).size).toBe(3);
    const adaCode = codeIn(forAda[0]?.text ?? "");
    if (!adaCode) throw new Error("no code in Ada's email");
    expect(await balanceOf(adaCode)).toBe(10_000);
    for (const e of forAlan) expect(await balanceOf(codeIn(e.text) ?? "")).toBe(2_500);
    const listed = await p.admin.payments.payments.giftCards.admin.list.query({ query: R2.recipientEmail });
    expect(listed.items.map((c) => [c.orderId, c.initialAmount])).toEqual([
      [placed.orderId, 2_500],
      [placed.orderId, 2_500],
    ]);
    // Shipping "everything left" ships the goods only; once they are delivered the order is complete.
    const shipped = await p.admin.orders.orders.admin.ship.mutate({
      orderId: placed.orderId,
      carrier: "DHL",
      trackingNumber: `GC${run}`.toUpperCase(),
    });
    const shipment = shipped.shipments.at(-1);
    expect(shipment?.lines).toEqual([{ sku: GOODS, quantity: 1 }]);
    await p.admin.orders.orders.admin.deliver.mutate({ orderId: placed.orderId, shipmentId: shipment?.id ?? "" });
    const delivered = await until(placed, (o) => o.status === "COMPLETED");
    expect(delivered.fulfilmentStatus).toBe("DELIVERED");
    // Nothing to ship for the cards: the goods are all that is left to ship.
    expect(
      paid.lines
        .filter((l) => l.kind === "gift_card")
        .map((l) => l.sku)
        .sort(),
    ).toEqual([GIFT_100, GIFT_25].sort());

    // Ada spends hers: the first order is paid by the card alone.
    const a = await goodsCheckout(1, `ada-spends-${run}@example.com`, adaCode);
    expect(a.totals.total).toBeLessThan(10_000);
    const paidA = await until(a, (o) => o.paymentStatus === "PAID");
    expect(paidA.payment?.provider).toBe("gift-card");
    const left = 10_000 - a.totals.total;
    expect(await balanceOf(adaCode)).toBe(left);

    // The second costs more than what is left: the card pays the rest of its balance, the card payment the difference.
    const b = await goodsCheckout(4, `ada-spends-${run}@example.com`, adaCode);
    expect(b.totals.total).toBeGreaterThan(left);
    const paidB = await payByCard(b, b.totals.total - left);
    expect(paidB.paidAmount).toBe(b.totals.total);
    expect(await balanceOf(adaCode)).toBe(0);
    const [adaCard] = (await p.admin.payments.payments.giftCards.admin.list.query({ query: R1.recipientEmail })).items;
    const ledger = await p.admin.payments.payments.giftCards.admin.byId.query({ cardId: adaCard?.id ?? "" });
    expect(ledger.ledger.map((e) => `${e.kind} ${e.amount}`).sort()).toEqual(
      [`issue ${10_000}`, `hold ${-a.totals.total}`, `hold ${-left}`].sort(),
    );
  }, 120_000);
});

describe("a gift card in the shopper's own amount", () => {
  test("any amount payments issues: charged and issued at that amount; others refused naming giftCard.amount", async () => {
    const grace = { recipientEmail: `grace-${run}@example.com`, recipientName: "Grace", amount: 4_200 };
    const tooSmall = await failure(
      cart().addItem.mutate({ sku: GIFT_25, quantity: 1, giftCard: { ...grace, amount: 100 } }),
    );
    expect(tooSmall.data).toMatchObject({ code: "BAD_REQUEST", field: "giftCard.amount" });
    const shown = await cart().addItem.mutate({ sku: GIFT_25, quantity: 1, giftCard: grace });
    const line = shown.lines.find((l) => l.sku === GIFT_25);
    expect(line).toMatchObject({ price: 4_200, priceWhenAdded: 4_200, priceChanged: false, lineTotal: 4_200 });
    expect(shown.totals.total).toBe(4_200);
    // Changing the quantity keeps the amount.
    const two = await cart().updateItem.mutate({ sku: GIFT_25, quantity: 2, cartToken: shown.cartToken ?? undefined });
    expect(two.totals.total).toBe(8_400);

    const placed = await orders().checkout.mutate(
      checkoutInput(`grace-buyer-${run}@example.com`, shown.cartToken ?? undefined),
    );
    expect(placed.totals.total).toBe(8_400);
    const paid = await payByCard(placed, 8_400);
    // Gift cards only: complete when paid, nothing to ship.
    const done = await until(placed, (o) => o.status === "COMPLETED");
    expect({ paid: paid.paymentStatus, fulfilment: done.fulfilmentStatus }).toEqual({
      paid: "PAID",
      fulfilment: "DELIVERED",
    });
    const sent = await eventually(async () => {
      const mine = emails.filter((e) => e.to === grace.recipientEmail);
      return mine.length >= 2 ? mine : undefined;
    }, 30_000);
    for (const e of sent) {
      const code = e.text.match(/GC(-[0-9A-Z]{1,4}){7}/)?.[0] ?? "";
      expect(await balanceOf(code)).toBe(4_200);
    }
  }, 60_000);
});

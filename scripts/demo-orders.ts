// Real demo orders for the development platform: placed once the platform is up, through the
// gateway exactly as a shopper places them (a guest cart of demo catalog SKUs, checkout, the test
// card through payments.confirmTest), then moved on by the demo admin (ship, deliver, refund) with
// the admin procedures. So every demo order has its payment record, its stock committed in the
// inventory ledger, refunds that work, and the dashboard counts money that was really taken.
// Idempotent: an order already placed for a demo shopper is not placed again (the k-th demo order
// of an address is placed only while that address has fewer than k orders).

import { DEMO_PRODUCTS, demoVariants } from "../apps/catalog/src/db/seed-data.ts";
import { DEMO_USERS } from "../apps/identity/src/demo.ts";
import { createAuthSession, createMercatoClient, type MercatoClient } from "../packages/client/src/index.ts";

/**
 * Where a demo order ends: paid, shipped, delivered, paid and then refunded in full, or
 * delivered and one unit returned (requested by the shopper, approved and received by the admin,
 * which refunds it).
 */
export type DemoOrderEnd = "paid" | "shipped" | "delivered" | "refunded" | "returned";

export interface DemoOrderSpec {
  email: string;
  /** Which demo product (index into the demo catalog) and how many units. */
  product: number;
  quantity: number;
  end: DemoOrderEnd;
}

/** The demo shop's past orders: every late state, a few shoppers (one with two orders). */
export const DEMO_ORDERS: readonly DemoOrderSpec[] = [
  { email: "ada@example.com", product: 0, quantity: 2, end: "delivered" },
  { email: "grace@example.com", product: 3, quantity: 1, end: "delivered" },
  { email: "alan@example.com", product: 5, quantity: 1, end: "refunded" },
  { email: "ada@example.com", product: 8, quantity: 1, end: "shipped" },
  { email: "linus@example.com", product: 1, quantity: 1, end: "paid" },
  { email: "grace@example.com", product: 10, quantity: 2, end: "returned" },
];

export const DEMO_ADDRESS = {
  name: "Ada Demo",
  line1: "1 Demo Street",
  city: "Berlin",
  postalCode: "10115",
  country: "DE",
} as const;

const TEST_CARD = { number: "4242 4242 4242 4242", expiry: "12/34", cvc: "123" };

export interface DemoOrdersOptions {
  /** The gateway's origin: shoppers and the admin go through it, as the storefront does. */
  gatewayUrl: string;
  /** Identity's origin, where the demo admin signs in (better-auth). */
  identityUrl: string;
  /** How long to wait for the demo stock, each order's payment and each status (default 60 s). */
  timeoutMs?: number;
  log?: (message: string) => void;
}

export interface DemoOrdersResult {
  /** Orders placed by this run (0 when every demo order was there already). */
  placed: string[];
  /** Demo orders found from an earlier run. */
  existing: number;
}

/**
 * The demo shop's gift card (#27), created by the demo admin through the admin API (not the
 * catalog's seed, whose products every catalog test counts): three denominations in each currency.
 */
export const DEMO_GIFT_CARD = {
  title: "Mercato Gift Card",
  slug: "gift-card",
  description:
    "Let them choose. The code is emailed to the person you name, with your message, as soon as your order is paid; it spends on anything in the shop, in one order or over several.",
  status: "active",
  brand: "Mercato",
  kind: "gift_card",
  // The catalog draws a placeholder from the name until staff upload a picture.
  images: [{ url: "/media/mercato-gift-card.svg", alt: "Mercato Gift Card" }],
  variants: [2500, 5000, 10000].map((eur) => ({
    sku: `GIFT-${eur / 100}`,
    options: { amount: String(eur / 100) },
    prices: [
      { currency: "EUR" as const, amount: eur },
      { currency: "GBP" as const, amount: eur },
      { currency: "USD" as const, amount: eur },
    ],
  })),
} as const;

/** Creates the demo gift card unless the shop has it (an admin's edits to it stay). */
async function ensureDemoGiftCard(gatewayUrl: string, admin: MercatoClient, log: (m: string) => void) {
  const shop = createMercatoClient({ baseUrl: gatewayUrl });
  const found = await shop.catalog.products.bySlug.query({ slug: DEMO_GIFT_CARD.slug }).then(
    () => true,
    () => false,
  );
  if (found) return;
  await admin.catalog.admin.products.create.mutate({
    ...DEMO_GIFT_CARD,
    images: [...DEMO_GIFT_CARD.images],
    variants: DEMO_GIFT_CARD.variants.map((v) => ({ ...v, prices: [...v.prices] })),
  });
  log(`demo gift card created: /p/${DEMO_GIFT_CARD.slug}`);
}

/** Places the demo orders that are not there yet. Throws when the platform refuses one. */
export async function placeDemoOrders(opts: DemoOrdersOptions): Promise<DemoOrdersResult> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const log = opts.log ?? (() => {});
  const adminUser = DEMO_USERS.find((u) => u.role === "admin");
  if (!adminUser) throw new Error("identity has no demo admin");
  const session = createAuthSession({ baseUrl: opts.identityUrl });
  await session.signIn({ email: adminUser.email, password: adminUser.password });
  const admin = createMercatoClient({ baseUrl: opts.gatewayUrl, getToken: () => session.getToken() });
  await ensureDemoGiftCard(opts.gatewayUrl, admin, log);

  const placed: string[] = [];
  let existing = 0;
  const seenPerEmail = new Map<string, number>();
  const ordersOf = new Map<string, number>();
  for (const spec of DEMO_ORDERS) {
    const k = seenPerEmail.get(spec.email) ?? 0;
    seenPerEmail.set(spec.email, k + 1);
    if (!ordersOf.has(spec.email)) {
      const list = await admin.orders.admin.list.query({ customer: spec.email, limit: 100 });
      ordersOf.set(spec.email, list.items.length);
    }
    if (k < ordersOf.get(spec.email)!) {
      existing++;
      continue;
    }
    const orderId = await placeOne(opts.gatewayUrl, admin, spec, timeoutMs);
    placed.push(orderId);
    log(`demo order ${orderId} for ${spec.email}: ${spec.end}`);
  }
  await session.signOut().catch(() => {});
  return { placed, existing };
}

/** The SKU a demo order buys: the product's first variant with enough stock. */
async function pickSku(shop: MercatoClient, spec: DemoOrderSpec, timeoutMs: number): Promise<string> {
  const product = DEMO_PRODUCTS[spec.product % DEMO_PRODUCTS.length]!;
  const skus = demoVariants(product, spec.product % DEMO_PRODUCTS.length).map((v) => v.sku);
  // Inventory learns the demo SKUs from the catalog's events, shortly after a first start.
  return until(`stock of ${product.title}`, timeoutMs, async () => {
    const levels = await shop.inventory.availability.query({ skus });
    return levels.find((l) => l.available >= spec.quantity)?.sku;
  });
}

async function placeOne(
  gatewayUrl: string,
  admin: MercatoClient,
  spec: DemoOrderSpec,
  timeoutMs: number,
): Promise<string> {
  let cartToken: string | null = null;
  const orderTokens: Record<string, string> = {};
  const shop = createMercatoClient({ baseUrl: gatewayUrl, cartToken: () => cartToken, orderTokens: () => orderTokens });
  const sku = await pickSku(shop, spec, timeoutMs);
  const cart = await shop.cart.addItem.mutate({ sku, quantity: spec.quantity, regionId: "eu" });
  cartToken = cart.cartToken ?? null;
  if (!cartToken) throw new Error("the cart gave no guest token");
  const order = await shop.orders.checkout.mutate({
    cartToken,
    email: spec.email,
    shippingAddress: DEMO_ADDRESS,
    idempotencyKey: crypto.randomUUID(),
  });
  orderTokens[order.orderId] = order.accessToken;
  const orderId = order.orderId;

  // The saga asks payments for the intent a moment after the order is placed.
  const payment =
    order.payment?.clientSecret != null
      ? order.payment
      : await until(`the payment of ${orderId}`, timeoutMs, async () => {
          const detail = await shop.orders.byId.query({ orderId });
          if (detail.status === "CANCELLED") throw new Error(`demo order ${orderId} was cancelled`);
          return detail.payment?.clientSecret ? detail.payment : undefined;
        });
  const paid = await shop.payments.confirmTest.mutate({
    paymentId: payment.paymentId,
    clientSecret: payment.clientSecret!,
    card: TEST_CARD,
  });
  if (paid.status !== "succeeded") throw new Error(`the test card was not accepted for ${orderId}: ${paid.status}`);
  const placed = await reach(admin, orderId, "paid", (o) => o.paymentStatus === "PAID", timeoutMs);

  if (spec.end === "refunded") {
    await admin.orders.admin.refund.mutate({
      orderId,
      amount: placed.paidAmount,
      reason: "demo: the shopper changed their mind",
      idempotencyKey: `demo-refund-${orderId}`,
    });
    await reach(admin, orderId, "refunded", (o) => o.paymentStatus === "REFUNDED", timeoutMs);
  }
  if (spec.end === "shipped" || spec.end === "delivered" || spec.end === "returned") {
    const trackingNumber = `DEMO${orderId
      .replace(/[^0-9a-f]/gi, "")
      .slice(-10)
      .toUpperCase()}`;
    await admin.orders.admin.ship.mutate({
      orderId,
      carrier: "DHL",
      trackingNumber,
      trackingUrl: `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${trackingNumber}`,
    });
    const shipped = await reach(admin, orderId, "shipped", (o) => o.fulfilmentStatus === "FULFILLED", timeoutMs);
    if (spec.end === "delivered" || spec.end === "returned") {
      for (const shipment of shipped.shipments) {
        await admin.orders.admin.deliver.mutate({ orderId, shipmentId: shipment.id });
      }
      await reach(admin, orderId, "delivered", (o) => o.fulfilmentStatus === "DELIVERED", timeoutMs);
    }
  }
  if (spec.end === "returned") {
    const requested = await shop.orders.requestReturn.mutate({
      orderId,
      lines: [{ sku, quantity: 1, reason: "doesnt_fit" }],
    });
    const ret = requested.returns.at(-1);
    if (!ret) throw new Error(`the return of ${orderId} was not recorded`);
    await admin.orders.admin.returns.approve.mutate({ orderId, returnId: ret.id, note: "Thanks, send it back." });
    await admin.orders.admin.returns.receive.mutate({
      orderId,
      returnId: ret.id,
      lines: [{ sku, received: 1, damaged: 0 }],
    });
    await reach(admin, orderId, "returned", (o) => o.paymentStatus === "PARTIALLY_REFUNDED", timeoutMs);
  }
  return orderId;
}

type AdminOrder = Awaited<ReturnType<MercatoClient["orders"]["admin"]["byId"]["query"]>>["order"];

/** The order once `done` holds for it (the saga moves it a moment after each step). */
async function reach(
  admin: MercatoClient,
  orderId: string,
  what: string,
  done: (order: AdminOrder) => boolean,
  timeoutMs: number,
): Promise<AdminOrder> {
  return until(`${orderId} to be ${what}`, timeoutMs, async () => {
    const { order } = await admin.orders.admin.byId.query({ orderId });
    return done(order) ? order : undefined;
  });
}

async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(250);
  }
}

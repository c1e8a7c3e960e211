import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { CART_TOKEN_HEADER } from "@mercato/cart/contract";
import { asc, eq } from "drizzle-orm";
import { type CheckoutResult, ORDER_TOKEN_HEADER, type OrderView } from "../src/contract.ts";
import { orderViews, outbox } from "../src/db/schema.ts";
import { rebuildProjections } from "../src/projections/rebuild.ts";
import { eventually, failure, guestCart, type Platform, sellableSkus, setStock, startPlatform } from "./platform.ts";

/**
 * Orders priced per region, end to end: identity, catalog (with its demo regions), inventory,
 * cart and payments as their own processes on private NATS and Redis, orders in this process
 * (served over HTTP like the others, so the test can also rebuild its read models).
 *
 * Expected money is worked out here from the demo regions as regions-model.md states them
 * (rates, shipping rules), not from @mercato/pricing: the test checks the seed, the cart and
 * checkout against the spec, to the cent.
 */

let p: Platform;

/** n × num / den rounded half-even, in integers. */
function halfEven(num: number, den: number): number {
  const q = Math.floor(num / den);
  const twice = 2 * (num - q * den);
  if (twice > den) return q + 1;
  if (twice < den) return q;
  return q % 2 === 0 ? q : q + 1;
}
const inclusiveTax = (gross: number, bps: number) => halfEven(gross * bps, 10_000 + bps);
const exclusiveTax = (net: number, bps: number) => halfEven(net * bps, 10_000);

const ADDRESS = {
  eu: { name: "Marie Curie", line1: "1 rue de la Paix", city: "Paris", postalCode: "75002", country: "FR" },
  uk: { name: "Ada Lovelace", line1: "1 Test Street", city: "London", postalCode: "SW1A 1AA", country: "GB" },
  us: {
    name: "Grace Hopper",
    line1: "1 Market St",
    city: "San Francisco",
    postalCode: "94105",
    country: "US",
    subdivision: "CA",
  },
} as const;
type RegionId = keyof typeof ADDRESS;

/** The demo regions' options, as regions-model.md states them: the price for a basket, the estimate. */
const OPTIONS: Record<
  RegionId,
  { currency: string; inclusive: boolean; rateBps: number; rateName: string; options: OptionSpec[] }
> = {
  eu: {
    currency: "EUR",
    inclusive: true,
    rateBps: 2000,
    rateName: "VAT 20%",
    options: [
      { id: "eu-standard", speed: "standard", days: [3, 5], price: (b) => (b.subtotal >= 5000 ? 0 : 495) },
      { id: "eu-express", speed: "express", days: [1, 2], price: () => 1290 },
    ],
  },
  uk: {
    currency: "GBP",
    inclusive: true,
    rateBps: 2000,
    rateName: "VAT 20%",
    options: [
      { id: "uk-standard", speed: "standard", days: [2, 4], price: (b) => (b.subtotal >= 4000 ? 0 : 399) },
      { id: "uk-express", speed: "express", days: [1, 1], price: () => 999 },
    ],
  },
  us: {
    currency: "USD",
    inclusive: false,
    rateBps: 725,
    rateName: "CA sales tax 7.25%",
    options: [
      {
        id: "us-standard",
        speed: "standard",
        days: [3, 7],
        price: (b) => (b.grams <= 500 ? 599 : b.grams <= 2000 ? 899 : 1499),
        untaxed: true,
      },
      { id: "us-express", speed: "express", days: [1, 2], price: () => 2499, untaxed: true },
    ],
  },
};
interface OptionSpec {
  id: string;
  speed: "standard" | "express";
  days: [number, number];
  price: (basket: { subtotal: number; grams: number }) => number;
  /** US shipping is zero-rated. */
  untaxed?: boolean;
}

interface DemoSku {
  sku: string;
  prices: { currency: string; amount: number }[];
  taxClass: string;
  weightGrams: number;
}

/** Tax lines that carry tax (a zero-rated shipping line says nothing about the money). */
const charged = (lines: { name: string; rateBps: number; taxable: number; amount: number }[]) =>
  lines.filter((l) => l.amount !== 0);

function priceIn(sku: DemoSku, currency: string): number {
  const price = sku.prices.find((x) => x.currency === currency);
  if (!price) throw new Error(`${sku.sku} has no ${currency} price in the demo catalog`);
  return price.amount;
}

let standardSkus: DemoSku[];
let book: DemoSku | undefined;
let nextSku = 0;

/** A demo SKU of the standard tax class with plenty of stock, not used by another test. */
async function standardSku(): Promise<DemoSku> {
  const sku = standardSkus[nextSku++];
  if (!sku) throw new Error("out of demo SKUs");
  await setStock(p, sku.sku, 100);
  return sku;
}

const cart = () => p.shop.cart().cart;
/** A guest's cart read with its token in the header, as every read carries it. */
const guestCartOf = (cartToken: string) => p.shop.cart(undefined, { [CART_TOKEN_HEADER]: cartToken }).cart;
const orders = () => p.shop.orders().orders;

async function placeIn(
  region: RegionId,
  sku: DemoSku,
  opts: { optionId?: string; onCart?: boolean; email?: string } = {},
): Promise<{ placed: CheckoutResult; cartTotals: unknown }> {
  const cartToken = await guestCart(p, [{ sku: sku.sku, quantity: 1 }], region);
  const address = ADDRESS[region];
  await cart().setDestination.mutate({
    cartToken,
    country: address.country,
    ...("subdivision" in address ? { subdivision: address.subdivision } : {}),
  });
  if (opts.optionId && opts.onCart) await cart().setShipping.mutate({ cartToken, shippingOptionId: opts.optionId });
  const view = await guestCartOf(cartToken).get.query();
  const placed = await orders().checkout.mutate({
    cartToken,
    email: opts.email ?? `${region}@example.com`,
    shippingAddress: address,
    ...(opts.optionId && !opts.onCart ? { shippingOptionId: opts.optionId } : {}),
    idempotencyKey: crypto.randomUUID(),
  });
  return { placed, cartTotals: view.totals };
}

async function viewOf(placed: CheckoutResult): Promise<OrderView> {
  return p.shop
    .orders(undefined, { [ORDER_TOKEN_HEADER]: `${placed.orderId}=${placed.accessToken}` })
    .orders.byId.query({ orderId: placed.orderId });
}

async function paid(placed: CheckoutResult): Promise<OrderView> {
  const awaiting = await eventually(async () => {
    const o = await viewOf(placed);
    return o.paymentStatus === "AWAITING" && o.payment?.clientSecret ? o : undefined;
  });
  const payment = awaiting.payment!;
  await p.shop.payments.payments.confirmTest.mutate({
    paymentId: payment.paymentId,
    clientSecret: payment.clientSecret!,
    card: "4242424242424242",
  });
  return eventually(async () => {
    const o = await viewOf(placed);
    return o.paymentStatus === "PAID" ? o : undefined;
  });
}

/** The SKUs of the demo products of a category, once inventory holds stock rows for them. */
async function skusOfCategory(category: string): Promise<string[]> {
  const page = await p.shop.catalog.catalog.products.list.query({ category, limit: 24 });
  const skus = page.items.flatMap((item) => item.variants.map((v: { sku: string }) => v.sku));
  await eventually(async () => {
    const known = await p.shop.inventory.inventory.availability.query({ skus });
    return known.length >= skus.length ? true : undefined;
  }, 30_000);
  return skus;
}

/** What the catalog sells them as: the price set, tax class and weight. */
async function demoSkus(skus: string[]): Promise<DemoSku[]> {
  const found: DemoSku[] = await p.shop.catalog.catalog.products.bySkus.query({ skus });
  return found.filter((s) => ["EUR", "GBP", "USD"].every((c) => s.prices.some((x) => x.currency === c)));
}

/** The data of the orders.placed.v1 the order put in its outbox. */
async function announcedPlaced(orderId: string): Promise<unknown> {
  const rows = await p.orders!.deps.db.orm.select().from(outbox).where(eq(outbox.subject, "orders.placed.v1"));
  const events = rows.map((r) => JSON.parse(r.payload) as { data: { orderId: string } });
  return events.find((e) => e.data.orderId === orderId)?.data;
}

beforeAll(async () => {
  p = await startPlatform({ ordersInProcess: true });
  standardSkus = (await demoSkus(await sellableSkus(p, 100))).filter((s) => s.taxClass === "standard");
  // Books (the reduced class) are a category of the demo catalog.
  [book] = (await demoSkus(await skusOfCategory("books"))).filter((s) => s.taxClass === "reduced");
  if (!book || standardSkus.length < 10) throw new Error("the demo catalog lacks books or SKUs priced everywhere");
  await setStock(p, book.sku, 100);
}, 120_000);

afterAll(async () => {
  await p?.dispose();
});

describe("the same product bought in each demo region with each shipping option", () => {
  for (const region of Object.keys(OPTIONS) as RegionId[]) {
    const spec = OPTIONS[region];
    for (const [i, option] of spec.options.entries()) {
      // The first option is passed to checkout, the second chosen on the cart: both paths count.
      const onCart = i === 1;
      test(`${region} · ${option.id} (${onCart ? "chosen on the cart" : "sent with checkout"})`, async () => {
        const sku = await standardSku();
        const price = priceIn(sku, spec.currency);
        const { placed, cartTotals } = await placeIn(region, sku, { optionId: option.id, onCart });
        const shipping = option.price({ subtotal: price, grams: sku.weightGrams });
        const goodsTax = spec.inclusive ? inclusiveTax(price, spec.rateBps) : exclusiveTax(price, spec.rateBps);
        const shippingTax = option.untaxed ? 0 : inclusiveTax(shipping, spec.rateBps);
        const tax = goodsTax + shippingTax;
        const total = spec.inclusive ? price + shipping : price + shipping + tax;
        expect(placed.totals).toMatchObject({
          currency: spec.currency,
          taxInclusive: spec.inclusive,
          subtotal: price,
          discount: 0,
          shipping,
          tax,
          total,
        });
        const taxable = spec.inclusive ? price + shipping - tax : price;
        expect(charged(placed.totals.taxLines)).toEqual([
          { name: spec.rateName, rateBps: spec.rateBps, taxable, amount: tax },
        ]);
        const order = await viewOf(placed);
        expect(order.regionId).toBe(region);
        expect(order.totals).toEqual(placed.totals);
        expect(order.shippingMethod).toMatchObject({
          optionId: option.id,
          speed: option.speed,
          amount: shipping,
          tax: shippingTax,
          minDays: option.days[0],
          maxDays: option.days[1],
        });
        // The cart showed exactly what the order charges (the cart's totals have no per-line part).
        expect(cartTotals).toMatchObject({ ...placed.totals, shippingMethod: order.shippingMethod });

        // Other services hear the region, the tax lines and the shipping method (orders.placed.v1).
        expect(await announcedPlaced(placed.orderId)).toMatchObject({
          regionId: region,
          totals: placed.totals,
          shippingMethod: order.shippingMethod,
        });

        // Payments charges in the order's currency.
        await paid(placed);
        const payment = await p.internal.payments.payments.internal.byOrder.query({ orderId: placed.orderId });
        expect(payment).toMatchObject({ currency: spec.currency, amount: total, status: "succeeded" });
        const summary = await p.admin.orders.orders.admin.list.query({ q: placed.number });
        expect(summary.items[0]).toMatchObject({ regionId: region, currency: spec.currency, total });
      });
    }
  }
});

describe("tax by product class and by state", () => {
  test("a French book is taxed at 5.5 % inside its price; shipping at 20 %", async () => {
    if (!book) throw new Error("no demo book");
    const price = priceIn(book, "EUR");
    const { placed } = await placeIn("eu", book, { optionId: "eu-express" });
    const bookTax = inclusiveTax(price, 550);
    const shippingTax = inclusiveTax(1290, 2000);
    expect(placed.totals).toMatchObject({ currency: "EUR", subtotal: price, shipping: 1290, total: price + 1290 });
    expect(placed.totals.tax).toBe(bookTax + shippingTax);
    expect(charged(placed.totals.taxLines)).toEqual([
      { name: "VAT 5.5%", rateBps: 550, taxable: price - bookTax, amount: bookTax },
      { name: "VAT 20%", rateBps: 2000, taxable: 1290 - shippingTax, amount: shippingTax },
    ]);
  });

  test("a US order is taxed by its state: CA 7.25 %, NY 4 %, another state none", async () => {
    const sku = await standardSku();
    const price = priceIn(sku, "USD");
    const inState = async (subdivision: string) => {
      const cartToken = await guestCart(p, [{ sku: sku.sku, quantity: 1 }], "us");
      return orders().checkout.mutate({
        cartToken,
        email: `state-${subdivision}@example.com`,
        shippingAddress: { ...ADDRESS.us, subdivision },
        shippingOptionId: "us-express",
        idempotencyKey: crypto.randomUUID(),
      });
    };
    const ca = await inState("CA");
    const ny = await inState("NY");
    const or = await inState("OR");
    expect(ca.totals).toMatchObject({ tax: exclusiveTax(price, 725), total: price + 2499 + exclusiveTax(price, 725) });
    expect(ny.totals).toMatchObject({ tax: exclusiveTax(price, 400), total: price + 2499 + exclusiveTax(price, 400) });
    expect(charged(ny.totals.taxLines)).toEqual([
      { name: "NY sales tax 4%", rateBps: 400, taxable: price, amount: exclusiveTax(price, 400) },
    ]);
    expect(or.totals).toMatchObject({ tax: 0, total: price + 2499 });
  });
});

describe("a region taxed by Stripe Tax", () => {
  test("checkout asks payments (which holds the Stripe key) and charges its answer", async () => {
    const catalogAdmin = p.admin.catalog.catalog.admin.regions;
    const us = (await catalogAdmin.list.query()).find((r) => r.id === "us");
    if (!us) throw new Error("no us region in the demo data");
    await catalogAdmin.save.mutate({ ...us, taxProvider: "stripe_tax" });
    try {
      const sku = await standardSku();
      const price = priceIn(sku, "USD");
      // The cart estimates with the rate table and says so; orders asks payments, which runs the
      // test provider here and so answers from the same rate table (a Stripe key makes it Stripe's).
      const placed = await eventually(async () => {
        const cartToken = await guestCart(p, [{ sku: sku.sku, quantity: 1 }], "us");
        const view = await guestCartOf(cartToken).get.query();
        if (!view.taxEstimated) throw new Error("the cart has not seen the region change yet");
        return orders().checkout.mutate({
          cartToken,
          email: "stripe-tax@example.com",
          shippingAddress: { ...ADDRESS.us, subdivision: "CA" },
          shippingOptionId: "us-express",
          idempotencyKey: crypto.randomUUID(),
        });
      });
      expect(placed.totals).toMatchObject({
        tax: exclusiveTax(price, 725),
        total: price + 2499 + exclusiveTax(price, 725),
      });
    } finally {
      await catalogAdmin.save.mutate(us);
    }
  });
});

describe("refusals name the field and place nothing", () => {
  test("an address outside the cart's region; a US address without its state; an option of another region", async () => {
    const sku = await standardSku();
    const before = (await p.internal.orders.orders.internal.books.query()).orders;
    const euCart = await guestCart(p, [{ sku: sku.sku, quantity: 1 }], "eu");
    const base = { cartToken: euCart, email: "refused@example.com", idempotencyKey: crypto.randomUUID() };
    const outside = await failure(orders().checkout.mutate({ ...base, shippingAddress: ADDRESS.uk }));
    expect(outside.data).toMatchObject({ code: "BAD_REQUEST", field: "shippingAddress.country" });
    expect(outside.message).toContain("GB is not in Europe");

    const otherOption = await failure(
      orders().checkout.mutate({
        ...base,
        idempotencyKey: crypto.randomUUID(),
        shippingAddress: ADDRESS.eu,
        shippingOptionId: "uk-express",
      }),
    );
    expect(otherOption.data).toMatchObject({ code: "BAD_REQUEST", field: "shippingOptionId" });

    const usCart = await guestCart(p, [{ sku: sku.sku, quantity: 1 }], "us");
    const { subdivision: _state, ...noState } = ADDRESS.us;
    const stateless = await failure(
      orders().checkout.mutate({
        ...base,
        cartToken: usCart,
        idempotencyKey: crypto.randomUUID(),
        shippingAddress: noState,
      }),
    );
    expect(stateless.data).toMatchObject({ code: "BAD_REQUEST", field: "shippingAddress.subdivision" });
    expect((await p.internal.orders.orders.internal.books.query()).orders).toBe(before);
  });

  test("a region that does not offer the provider payments runs: refused naming paymentProvider", async () => {
    const regions = p.admin.catalog.catalog.admin.regions;
    const uk = (await regions.list.query()).find((r) => r.id === "uk");
    if (!uk) throw new Error("no uk region in the demo data");
    // Payments runs the test provider here; the merchant offers only Stripe in the UK.
    await regions.save.mutate({ ...uk, paymentProviders: ["stripe"] });
    try {
      const sku = await standardSku();
      const before = (await p.internal.orders.orders.internal.books.query()).orders;
      const cartToken = await guestCart(p, [{ sku: sku.sku, quantity: 1 }], "uk");
      const refused = await failure(
        orders().checkout.mutate({
          cartToken,
          email: "stripe-only@example.com",
          shippingAddress: ADDRESS.uk,
          idempotencyKey: crypto.randomUUID(),
        }),
      );
      expect(refused.data).toMatchObject({ code: "CONFLICT", field: "paymentProvider" });
      expect(refused.message).toContain("United Kingdom does not offer test payments");
      expect((await p.internal.orders.orders.internal.books.query()).orders).toBe(before);
    } finally {
      await regions.save.mutate(uk);
    }
  });
});

describe("changing the cart's region", () => {
  test("re-prices the cart in the new currency, and the order follows it", async () => {
    const sku = await standardSku();
    const cartToken = await guestCart(p, [{ sku: sku.sku, quantity: 2 }], "eu");
    const inEur = await guestCartOf(cartToken).get.query();
    expect(inEur.totals).toMatchObject({ currency: "EUR", subtotal: 2 * priceIn(sku, "EUR") });
    await cart().setRegion.mutate({ cartToken, regionId: "uk" });
    const inGbp = await guestCartOf(cartToken).get.query();
    expect(inGbp.region).toMatchObject({ id: "uk", currency: "GBP", taxInclusive: true });
    expect(inGbp.totals).toMatchObject({ currency: "GBP", subtotal: 2 * priceIn(sku, "GBP") });
    const placed = await orders().checkout.mutate({
      cartToken,
      email: "switched@example.com",
      shippingAddress: ADDRESS.uk,
      idempotencyKey: crypto.randomUUID(),
    });
    expect(placed.totals).toMatchObject({ currency: "GBP", subtotal: 2 * priceIn(sku, "GBP") });
    expect(placed.totals.total).toBe(inGbp.totals.total);
  });
});

describe("a refund in GBP", () => {
  test("goes back in the order's currency, at payments and in the order", async () => {
    const sku = await standardSku();
    const { placed } = await placeIn("uk", sku, { optionId: "uk-express" });
    expect(placed.totals.currency).toBe("GBP");
    await paid(placed);
    const refunded = await p.admin.orders.orders.admin.refund.mutate({
      orderId: placed.orderId,
      amount: 500,
      reason: "damaged in transit",
      idempotencyKey: crypto.randomUUID(),
    });
    expect(refunded).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedTotal: 500 });
    expect(refunded.totals.currency).toBe("GBP");
    const payment = await p.internal.payments.payments.internal.byOrder.query({ orderId: placed.orderId });
    expect(payment).toMatchObject({ currency: "GBP", refundedTotal: 500, status: "partially_refunded" });
    expect(payment.refunds.map((r) => r.amount)).toEqual([500]);

    const books = await p.internal.orders.orders.internal.books.query();
    const gbp = books.currencies.find((c) => c.currency === "GBP");
    expect(gbp?.refundedTotal).toBeGreaterThanOrEqual(500);
    const stats = await p.admin.orders.orders.admin.stats.query();
    expect(stats.currencies.map((c) => c.currency)).toEqual(expect.arrayContaining(["EUR", "GBP", "USD"]));
    const gbpToday = stats.currencies.find((c) => c.currency === "GBP")?.today.revenue ?? 0;
    expect(gbpToday).toBe((gbp?.paidTotal ?? 0) - (gbp?.refundedTotal ?? 0));
  });
});

describe("the read models", () => {
  test("rebuilt from the events equal the live ones, region, tax lines and shipping method included", async () => {
    const db = p.orders!.deps.db;
    const live = await db.orm.select().from(orderViews).orderBy(asc(orderViews.id));
    expect(live.some((r) => r.regionId === "us" && r.detail.shippingMethod?.optionId.startsWith("us-"))).toBe(true);
    await rebuildProjections(db);
    expect(await db.orm.select().from(orderViews).orderBy(asc(orderViews.id))).toEqual(live);
  });
});

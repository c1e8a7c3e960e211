import type { Database } from "@mercato/db";
import { priceBasketWithRates, type RegionRules } from "@mercato/pricing";
import { eq } from "drizzle-orm";
import { accessTokenFor, hashAccessToken } from "../app/access.ts";
import type { NewOrderEvent, OrderPlacedData } from "../domain/events.ts";
import { fold } from "../domain/order.ts";
import { formatOrderNumber } from "../domain/order-number.ts";
import { projectOrder } from "../projections/project.ts";
import { insertOrderEvents } from "./event-store.ts";
import type * as schema from "./schema.ts";
import { counters } from "./schema.ts";

const DAY = 86_400_000;
const address = {
  name: "Ada Demo",
  line1: "1 Demo Street",
  city: "Berlin",
  postalCode: "10115",
  country: "DE",
};

/**
 * The part of the demo region `eu` (the catalog seeds the whole of it) these orders were priced
 * in: Germany's VAT and the standard option. Orders keep what they were charged, so history
 * needs only the rules that applied, priced with the same function checkout uses.
 */
const DEMO_REGION: RegionRules = {
  id: "eu",
  name: "Europe",
  currency: "EUR",
  countries: ["DE"],
  defaultCountry: "DE",
  taxInclusive: true,
  taxProvider: "rates",
  paymentProviders: ["test"],
  shippingOptions: [
    {
      id: "eu-standard",
      name: "Standard",
      speed: "standard",
      rule: { kind: "free_above", amount: 495, threshold: 5000 },
      minDays: 3,
      maxDays: 5,
      taxClass: "standard",
      active: true,
    },
  ],
  taxRates: [{ country: "DE", subdivision: null, taxClass: "standard", rateBps: 1900, name: "VAT 19%" }],
};

/** Past orders in every late status, so the admin dashboard and lists have something to show. */
const DEMO: {
  daysAgo: number;
  email: string;
  sku: string;
  title: string;
  price: number;
  qty: number;
  status: string;
}[] = [
  {
    daysAgo: 12,
    email: "ada@example.com",
    sku: "DEMO-TEE-M",
    title: "Demo T-shirt",
    price: 1999,
    qty: 2,
    status: "DELIVERED",
  },
  {
    daysAgo: 9,
    email: "grace@example.com",
    sku: "DEMO-MUG",
    title: "Demo mug",
    price: 1250,
    qty: 1,
    status: "DELIVERED",
  },
  {
    daysAgo: 5,
    email: "alan@example.com",
    sku: "DEMO-CAP",
    title: "Demo cap",
    price: 2400,
    qty: 1,
    status: "REFUNDED",
  },
  { daysAgo: 3, email: "ada@example.com", sku: "DEMO-MUG", title: "Demo mug", price: 1250, qty: 3, status: "SHIPPED" },
  {
    daysAgo: 1,
    email: "linus@example.com",
    sku: "DEMO-TEE-M",
    title: "Demo T-shirt",
    price: 1999,
    qty: 1,
    status: "PAID",
  },
];

function historyFor(status: string, total: number): NewOrderEvent[] {
  const paid: NewOrderEvent[] = [
    { type: "StockReserved", data: { reservationId: Bun.randomUUIDv7(), expiresAt: new Date().toISOString() } },
    { type: "PaymentRequested", data: { paymentId: Bun.randomUUIDv7(), provider: "test", clientSecret: null } },
    { type: "PaymentSucceeded", data: { paymentId: "demo", amount: total, currency: "EUR" } },
  ];
  const shipped: NewOrderEvent = { type: "OrderShipped", data: { carrier: "DHL", trackingNumber: "DEMO123456" } };
  if (status === "PAID") return paid;
  if (status === "SHIPPED") return [...paid, shipped];
  if (status === "DELIVERED") return [...paid, shipped, { type: "OrderDelivered", data: {} }];
  return [
    ...paid,
    { type: "OrderCancelled", data: { reason: "changed my mind", by: "shopper", wasPaid: true } },
    {
      type: "RefundIssued",
      data: { refundId: "demo-refund", amount: total, refundedTotal: total, reason: "cancelled", returnId: null },
    },
  ];
}

/**
 * Seeds demo orders once (the order-number counter marks it done). They are history: they go to
 * the event store and read models only, never to the outbox, so no stock or payment is touched.
 */
export async function seedDemoOrders(db: Database<typeof schema>): Promise<void> {
  await db.write(async (tx) => {
    const [seeded] = await tx.select().from(counters).where(eq(counters.name, "order_number"));
    if (seeded) return;
    for (const [i, demo] of DEMO.entries()) {
      const orderId = Bun.randomUUIDv7();
      const priced = priceBasketWithRates({
        lines: [{ sku: demo.sku, unitPrice: demo.price, quantity: demo.qty, taxClass: "standard", weightGrams: 300 }],
        region: DEMO_REGION,
        address: { country: address.country },
        shippingOptionId: null,
        discount: null,
      });
      const { lines: _lines, shippingMethod, ...totals } = priced;
      const placed: OrderPlacedData = {
        orderId,
        number: formatOrderNumber(i + 1),
        userId: null,
        email: demo.email,
        cartId: null,
        lines: [
          {
            sku: demo.sku,
            productId: `demo-${demo.sku.toLowerCase()}`,
            title: demo.title,
            quantity: demo.qty,
            unitPrice: demo.price,
            image: null,
            options: {},
          },
        ],
        regionId: DEMO_REGION.id,
        totals,
        shippingMethod,
        discountCode: null,
        shippingAddress: address,
        billingAddress: address,
        accessTokenHash: hashAccessToken(accessTokenFor(Bun.randomUUIDv7(), orderId)),
      };
      const at = new Date(Date.now() - demo.daysAgo * DAY).toISOString();
      const events = await insertOrderEvents(
        tx,
        orderId,
        0,
        [{ type: "OrderPlaced", data: placed }, ...historyFor(demo.status, totals.total)],
        at,
      );
      const state = fold(events);
      if (state) await projectOrder(tx, state);
    }
    await tx.insert(counters).values({ name: "order_number", value: DEMO.length });
  });
}

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  createEvent,
  type EventDefinition,
  OrderLinesCancelledEvent,
  OrderPlacedEvent,
  OrderRefundedEvent,
  OrderReturnApprovedEvent,
  OrderReturnRefundedEvent,
  OrderReturnRejectedEvent,
  OrderReturnRequestedEvent,
  OrderShipmentDeliveredEvent,
  OrderShipmentShippedEvent,
  UserPreferencesChanged,
} from "@mercato/events";
import {
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  type TestIssuer,
} from "@mercato/testing";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { messages } from "../src/db/schema.ts";
import { notificationsService } from "../src/service.ts";
import { consumerIdle, startDirectoryStub, waitFor } from "./support.ts";

/**
 * #19 over real parts: each fulfilment and return event published on JetStream becomes its email
 * in the mailbox (the real service, its own libSQL file, the mailbox transport sending it).
 */
let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
let stub: ReturnType<typeof startDirectoryStub>;
let svc: Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof notificationsService.run>>>>>;

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  stub = startDirectoryStub();
  svc = await startTestService(notificationsService, {
    service: "notifications",
    nats,
    redis,
    issuer,
    env: { EMAIL_POLL_MS: "100", ORDERS_URL: stub.url, IDENTITY_URL: stub.url },
  });
}, 30_000);

afterAll(async () => {
  await svc?.dispose();
  stub?.stop();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

async function publish<E extends EventDefinition>(def: E, data: z.input<E["data"]>, key: string) {
  const event = createEvent(def, data, { key });
  await svc.deps.bus.publishRaw(event.type, JSON.stringify(event), event.id);
  return event;
}

async function drained(...domains: string[]) {
  for (const d of domains) await waitFor(`the ${d} consumer to drain`, () => consumerIdle(svc.deps.bus, d));
}

/** The one sent email of a template to an address, once the sender has sent it. */
function sentEmail(to: string, template: string) {
  return waitFor(`the ${template} email to ${to}`, async () => {
    const rows = await svc.deps.db.orm
      .select()
      .from(messages)
      .where(and(eq(messages.to, to), sql`${messages.template} = ${template}`, eq(messages.status, "sent")));
    return rows.length === 1 ? rows[0] : undefined;
  });
}

const address = { name: "Ada L", line1: "1 Main St", city: "Berlin", postalCode: "10115", country: "DE" };
const totals = { currency: "EUR" as const, subtotal: 5000, discount: 0, shipping: 0, tax: 0, total: 5000 };

function placed(orderId: string, email: string, userId: string | null) {
  return publish(
    OrderPlacedEvent,
    {
      orderId,
      number: `M-${orderId}`,
      userId,
      email,
      cartId: null,
      lines: [
        { sku: "TEE-M", productId: "p1", title: "Linen Tee", quantity: 2, unitPrice: 2000 },
        { sku: "MUG-1", productId: "p2", title: "Stoneware Mug", quantity: 1, unitPrice: 1000 },
      ],
      totals,
      discountCode: null,
      shippingAddress: address,
    },
    orderId,
  );
}

const ret = (orderId: string, email: string) => ({
  orderId,
  number: `M-${orderId}`,
  email,
  returnId: `ret_${orderId}`,
  returnNumber: `R-M-${orderId}-1`,
  lines: [{ sku: "TEE-M", quantity: 1, reason: "doesnt_fit", exchangeForSku: "TEE-L" }],
  note: "",
  instructions: "Send the parcel to Mercato Returns, 1 Dock Rd, Berlin.",
});

describe("fulfilment and return emails, one per step", () => {
  const to = "steps@shop.test";
  const orderId = "o-steps";

  test("each event → its email in the mailbox", async () => {
    await placed(orderId, to, "u-steps");
    const shipment = {
      orderId,
      number: `M-${orderId}`,
      email: to,
      shipmentId: "shp_1",
      lines: [{ sku: "TEE-M", quantity: 2 }],
      carrier: "DHL",
      trackingNumber: "JD014600",
      trackingUrl: "https://track.example/JD014600",
      shippingMethod: null,
      exchangeReturnId: null,
      complete: false,
    };
    await publish(OrderShipmentShippedEvent, shipment, orderId);
    const shipped = await sentEmail(to, "shipment-shipped");
    expect(shipped.subject).toBe(`Order M-${orderId}: a parcel is on its way`);
    expect(shipped.userId).toBe("u-steps");
    for (const s of ["2 × Linen Tee (TEE-M)", "DHL", "JD014600", "https://track.example/JD014600"]) {
      expect(shipped.text).toContain(s);
    }
    expect(shipped.text).not.toContain("Stoneware Mug");

    await publish(
      OrderShipmentDeliveredEvent,
      {
        orderId,
        number: `M-${orderId}`,
        email: to,
        shipmentId: "shp_1",
        lines: [{ sku: "TEE-M", quantity: 2 }],
        exchangeReturnId: null,
        returnableUntil: "2026-12-31T12:00:00.000Z",
        complete: false,
      },
      orderId,
    );
    const delivered = await sentEmail(to, "shipment-delivered");
    expect(delivered.subject).toBe(`Order M-${orderId}: a parcel was delivered`);
    expect(delivered.text).toContain("until 31 Dec 2026");

    await publish(
      OrderLinesCancelledEvent,
      {
        orderId,
        number: `M-${orderId}`,
        email: to,
        lines: [{ sku: "MUG-1", quantity: 1 }],
        reason: "out of stock",
        wasPaid: true,
        refundAmount: 1000,
        currency: "EUR",
      },
      orderId,
    );
    const cancelled = await sentEmail(to, "lines-cancelled");
    expect(cancelled.subject).toBe(`Order M-${orderId}: items cancelled`);
    expect(cancelled.text).toContain("1 × Stoneware Mug (MUG-1)");
    expect(cancelled.text).toContain("We have refunded €10.00 for them");

    await publish(OrderReturnRequestedEvent, ret(orderId, to), orderId);
    const requested = await sentEmail(to, "return-requested");
    expect(requested.subject).toBe(`Return R-M-${orderId}-1 requested for order M-${orderId}`);
    expect(requested.text).toContain("1 × Linen Tee (TEE-M) — reason: It doesn't fit, exchanged for TEE-L");
    expect(requested.text).toContain("Send the parcel to Mercato Returns");

    await publish(OrderReturnApprovedEvent, { ...ret(orderId, to), exchangeDifference: 300, currency: "EUR" }, orderId);
    const approved = await sentEmail(to, "return-approved");
    expect(approved.subject).toBe(`Return R-M-${orderId}-1 approved`);
    expect(approved.text).toContain("Send the parcel to Mercato Returns");
    expect(approved.text).toContain("costs €3.00 more: that difference is charged");

    await publish(
      OrderShipmentShippedEvent,
      {
        ...shipment,
        shipmentId: "shp_2",
        lines: [{ sku: "TEE-L", quantity: 1 }],
        trackingNumber: "JD014601",
        trackingUrl: null,
        exchangeReturnId: `ret_${orderId}`,
        complete: true,
      },
      orderId,
    );
    const exchange = await sentEmail(to, "exchange-shipped");
    expect(exchange.subject).toBe(`Order M-${orderId}: your exchange is on its way`);
    expect(exchange.text).toContain("1 × TEE-L");
    expect(exchange.text).toContain("JD014601");

    // The refund of a return: orders.return.refunded is mailed, orders.refunded for it is not.
    await publish(
      OrderRefundedEvent,
      { orderId, number: `M-${orderId}`, email: to, amount: 1681, currency: "EUR", full: false, returnId: "ret_x" },
      orderId,
    );
    await publish(
      OrderReturnRefundedEvent,
      {
        orderId,
        number: `M-${orderId}`,
        email: to,
        returnId: "ret_x",
        returnNumber: `R-M-${orderId}-2`,
        refundId: "re_1",
        amount: 1681,
        currency: "EUR",
      },
      orderId,
    );
    const refunded = await sentEmail(to, "return-refunded");
    expect(refunded.subject).toBe(`Return R-M-${orderId}-2: refund of €16.81`);
    expect(refunded.text).toContain("we have refunded €16.81");

    await publish(
      OrderReturnRejectedEvent,
      { ...ret(orderId, to), returnId: "ret_3", returnNumber: `R-M-${orderId}-3`, note: "Worn items cannot go back." },
      orderId,
    );
    const rejected = await sentEmail(to, "return-rejected");
    expect(rejected.subject).toBe(`Return R-M-${orderId}-3 was not approved`);
    expect(rejected.text).toContain("Worn items cannot go back.");

    await drained("orders");
    const all = await svc.deps.db.orm.select().from(messages).where(eq(messages.to, to));
    expect(all.map((m) => m.template).sort()).toEqual([
      "exchange-shipped",
      "lines-cancelled",
      "return-approved",
      "return-refunded",
      "return-rejected",
      "return-requested",
      "shipment-delivered",
      "shipment-shipped",
    ]);
  });

  test("a user who turned email off for shipping updates gets the return emails but no shipment email", async () => {
    const quiet = "quiet-ship@shop.test";
    await publish(
      UserPreferencesChanged,
      {
        userId: "u-quiet-ship",
        marketingConsent: false,
        marketingConsentAt: null,
        regionId: null,
        language: null,
        channels: { shipping_updates: [] },
        updatedAt: "2026-12-01T10:00:00.000Z",
      },
      "u-quiet-ship",
    );
    await drained("identity");
    await placed("o-quiet-ship", quiet, "u-quiet-ship");
    await publish(
      OrderShipmentShippedEvent,
      {
        orderId: "o-quiet-ship",
        number: "M-o-quiet-ship",
        email: quiet,
        shipmentId: "shp_q",
        lines: [{ sku: "TEE-M", quantity: 2 }],
        carrier: "DHL",
        trackingNumber: "JDQ",
        trackingUrl: null,
        shippingMethod: null,
        exchangeReturnId: null,
        complete: true,
      },
      "o-quiet-ship",
    );
    await publish(OrderReturnRequestedEvent, ret("o-quiet-ship", quiet), "o-quiet-ship");
    await sentEmail(quiet, "return-requested");
    await drained("orders");
    const all = await svc.deps.db.orm.select().from(messages).where(eq(messages.to, quiet));
    expect(all.map((m) => m.template)).toEqual(["return-requested"]);
  });
});

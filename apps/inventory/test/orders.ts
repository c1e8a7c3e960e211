import {
  createEvent,
  type Envelope,
  type EventBus,
  type EventOf,
  OrderCancelledEvent,
  OrderLinesCancelledEvent,
  OrderPaidEvent,
  OrderPlacedEvent,
  OrderReturnReceivedEvent,
  OrderShipmentShippedEvent,
} from "@mercato/events";

const address = { name: "Ada", line1: "1 Test St", city: "Berlin", postalCode: "10115", country: "DE" };
const totals = { currency: "EUR" as const, subtotal: 0, discount: 0, shipping: 0, tax: 0, total: 0 };

/** An `orders.placed` event as orders would publish it, keyed by the order id. */
export function orderPlaced(
  orderId: string,
  lines: { sku: string; quantity: number }[],
): EventOf<typeof OrderPlacedEvent> {
  return createEvent(
    OrderPlacedEvent,
    {
      orderId,
      number: orderId,
      userId: null,
      email: "ada@example.com",
      cartId: null,
      lines: lines.map((l) => ({ ...l, productId: "p", title: l.sku, unitPrice: 1000 })),
      totals,
      discountCode: null,
      shippingAddress: address,
    },
    { key: orderId },
  );
}

export function orderPaid(orderId: string, lines: { sku: string; quantity: number }[]) {
  const placed = orderPlaced(orderId, lines).data;
  return createEvent(
    OrderPaidEvent,
    {
      orderId,
      number: orderId,
      userId: null,
      email: placed.email,
      lines: placed.lines,
      totals,
      discountCode: null,
      shippingAddress: address,
    },
    { key: orderId },
  );
}

export function orderCancelled(orderId: string, wasPaid: boolean) {
  return createEvent(
    OrderCancelledEvent,
    { orderId, number: orderId, email: "ada@example.com", reason: "test", wasPaid },
    { key: orderId },
  );
}

/**
 * Publishes a ready-made envelope, as the outbox relay would. `msgId` defaults to the event id
 * (JetStream drops a repeat of it); a different one makes JetStream deliver the same event again.
 */
export async function publishEnvelope(bus: EventBus, event: Envelope, msgId = event.id): Promise<void> {
  await bus.publishRaw(event.type, JSON.stringify(event), msgId, {
    "x-correlation-id": event.correlationId,
    ...(event.key ? { "x-event-key": event.key } : {}),
  });
}

const contact = (orderId: string) => ({ orderId, number: orderId, email: "ada@example.com" });

/** `orders.lines.cancelled`: unshipped units called off. */
export function linesCancelled(orderId: string, lines: { sku: string; quantity: number }[], wasPaid = true) {
  return createEvent(
    OrderLinesCancelledEvent,
    { ...contact(orderId), lines, reason: "out of the shopper's hands", wasPaid, refundAmount: 0, currency: "EUR" },
    { key: orderId },
  );
}

/** `orders.return.received`: per line, units received and of those damaged. */
export function returnReceived(
  orderId: string,
  returnId: string,
  returnNumber: string,
  lines: { sku: string; quantity: number; received: number; damaged: number }[],
) {
  return createEvent(
    OrderReturnReceivedEvent,
    { ...contact(orderId), returnId, returnNumber, lines: lines.map((l) => ({ ...l, exchangeForSku: null })) },
    { key: orderId },
  );
}

/** `orders.shipment.shipped`, of the order's own units or (with `exchangeReturnId`) an exchange's. */
export function shipmentShipped(
  orderId: string,
  shipmentId: string,
  lines: { sku: string; quantity: number }[],
  exchangeReturnId: string | null,
) {
  return createEvent(
    OrderShipmentShippedEvent,
    {
      ...contact(orderId),
      shipmentId,
      lines,
      carrier: "DHL",
      trackingNumber: "T1",
      trackingUrl: null,
      shippingMethod: null,
      exchangeReturnId,
      complete: true,
    },
    { key: orderId },
  );
}

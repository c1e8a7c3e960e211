import {
  createEvent,
  type Envelope,
  type EventBus,
  type EventOf,
  OrderCancelledEvent,
  OrderPaidEvent,
  OrderPlacedEvent,
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

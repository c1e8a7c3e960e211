import { Counter, Histogram, type Registry } from "prom-client";

export type OrderMetricEvent = "placed" | "paid" | "cancelled";
export type RefundResult = "succeeded" | "failed";
export type MessageResult = "sent" | "failed";

/**
 * What the business did, counted by the service that owns each fact (a line in its use case):
 * orders placed, paid and cancelled and the time from checkout to paid (orders), reservations that
 * expired unpaid (inventory), refunds (payments), emails, SMS and push messages sent or failed
 * (notifications). Each metric is registered on first use, so a service shows only its own.
 */
export interface BusinessMetrics {
  order(event: OrderMetricEvent): void;
  /** Seconds from the order being placed to its payment succeeding. */
  checkoutToPaid(seconds: number): void;
  reservationsExpired(count: number): void;
  refund(result: RefundResult): void;
  message(channel: string, result: MessageResult): void;
}

export function createBusinessMetrics(registry: Registry): BusinessMetrics {
  const once = <T>(make: () => T): (() => T) => {
    let made: T | undefined;
    return () => {
      made ??= make();
      return made;
    };
  };
  const orders = once(
    () =>
      new Counter({
        name: "mercato_orders_total",
        help: "Orders by what happened to them: placed, paid, cancelled",
        labelNames: ["event"],
        registers: [registry],
      }),
  );
  const toPaid = once(
    () =>
      new Histogram({
        name: "mercato_checkout_to_paid_seconds",
        help: "Time from an order being placed to its payment succeeding",
        buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
        registers: [registry],
      }),
  );
  const expired = once(
    () =>
      new Counter({
        name: "mercato_reservations_expired_total",
        help: "Stock reservations released because their order was not paid in time",
        registers: [registry],
      }),
  );
  const refunds = once(
    () =>
      new Counter({
        name: "mercato_refunds_total",
        help: "Refunds by outcome at the provider",
        labelNames: ["result"],
        registers: [registry],
      }),
  );
  const messages = once(
    () =>
      new Counter({
        name: "mercato_messages_total",
        help: "Notifications by channel (email, sms, push) and outcome (sent, failed for good)",
        labelNames: ["channel", "result"],
        registers: [registry],
      }),
  );
  return {
    order: (event) => orders().inc({ event }),
    checkoutToPaid: (seconds) => toPaid().observe(Math.max(0, seconds)),
    reservationsExpired: (count) => {
      if (count > 0) expired().inc(count);
    },
    refund: (result) => refunds().inc({ result }),
    message: (channel, result) => messages().inc({ channel, result }),
  };
}

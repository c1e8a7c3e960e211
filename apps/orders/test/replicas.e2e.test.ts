import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { OrdersRouter, StatusUpdate } from "../src/index.ts";
import { clientFor, freshSkus, guestCheckout, type Platform, startPlatform } from "./platform.ts";

/**
 * Two orders instances on one database and one NATS (#26), each a process of its own on its own
 * port (the platform's `replicas`). A guest following an order's status on one instance sees a
 * change committed through the other: the change is a wake-up on `live.orders.*` over core NATS,
 * and each instance re-reads the order for its own subscribers.
 */
let p: Platform;
let freshSku: Awaited<ReturnType<typeof freshSkus>>;

beforeAll(async () => {
  p = await startPlatform({ replicas: { orders: 2 } });
  freshSku = await freshSkus(p, 4);
}, 180_000);

afterAll(async () => {
  await p?.dispose();
});

/** A guest's orders client at one instance, with the order's token. */
function at(instance: number, accessToken: string) {
  const replica = p.replicas.orders?.[instance];
  if (!replica) throw new Error(`no orders instance ${instance}`);
  return clientFor<OrdersRouter>(replica.url, { headers: { "x-order-token": accessToken } });
}

/** Follows an order's status on one instance until `wanted` arrives. */
function follow(instance: number, orderId: string, accessToken: string, wanted: string) {
  const seen: StatusUpdate[] = [];
  let unsubscribe = () => {};
  const arrived = new Promise<StatusUpdate>((resolve, reject) => {
    const sub = at(instance, accessToken).orders.onStatus.subscribe(
      { orderId, lastEventId: "0" },
      {
        onData: (tracked) => {
          const update = (tracked as unknown as { data: StatusUpdate }).data;
          seen.push(update);
          if (update.status === wanted) resolve(update);
        },
        onError: reject,
      },
    );
    unsubscribe = () => sub.unsubscribe();
  });
  return { arrived, seen, close: () => unsubscribe() };
}

describe("order status across two orders instances", () => {
  test("the platform runs two instances, each its own process and port", () => {
    expect(p.replicas.orders).toHaveLength(2);
    const [a, b] = p.replicas.orders ?? [];
    expect(a?.url).not.toBe(b?.url);
    expect(a?.proc.pid).not.toBe(b?.proc.pid);
  });

  for (const [watchOn, changeOn] of [
    [1, 0],
    [0, 1],
  ] as const) {
    test(`following on instance ${watchOn + 1}, a cancellation made through instance ${changeOn + 1} arrives`, async () => {
      const sku = await freshSku(5);
      const { placed } = await guestCheckout(p, [{ sku, quantity: 1 }], `replica-${watchOn}@example.com`);
      const watch = follow(watchOn, placed.orderId, placed.accessToken, "CANCELLED");
      try {
        await at(changeOn, placed.accessToken).orders.cancel.mutate({
          orderId: placed.orderId,
          reason: "changed_mind",
        });
        const cancelled = await watch.arrived;
        expect(cancelled.status).toBe("CANCELLED");
        // It began from what the order was before the change: the stream followed it, not just its end.
        expect(watch.seen[0]?.status).not.toBe("CANCELLED");
      } finally {
        watch.close();
      }
    }, 60_000);
  }
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { InventoryRouter } from "@mercato/inventory";
import type { OrderFeedItem } from "../src/contract.ts";
import type { OrdersRouter } from "../src/index.ts";
import { clientFor, eventually, freshSkus, guestCheckout, type Platform, startPlatform } from "./platform.ts";

/**
 * The stock stream and the admin's order feed across two instances (#26): a client connected to
 * one instance sees a change committed through the other. Neither stream re-reads on a timer: the
 * stock stream yields only what the process's core-NATS subscription to `inventory.stock.changed`
 * hears, and the feed only what `live.orders.*` wakes it with, so an item arriving on the other
 * instance is the NATS message itself (and carries what only the message holds, e.g. the status the
 * order had before).
 */
let p: Platform;
let freshSku: Awaited<ReturnType<typeof freshSkus>>;

beforeAll(async () => {
  p = await startPlatform({ replicas: { orders: 2, inventory: 2 } });
  freshSku = await freshSkus(p, 8);
}, 240_000);

afterAll(async () => {
  await p?.dispose();
});

function instance(service: "orders" | "inventory", n: number) {
  const replica = p.replicas[service]?.[n];
  if (!replica) throw new Error(`no ${service} instance ${n}`);
  return replica.url;
}

const inventoryAt = (n: number, token?: () => Promise<string | null>) =>
  clientFor<InventoryRouter>(instance("inventory", n), { token }).inventory;

const ordersAt = (n: number, token?: () => Promise<string | null>, headers?: Record<string, string>) =>
  clientFor<OrdersRouter>(instance("orders", n), { token, headers }).orders;

describe("live streams across two instances", () => {
  test("both services run two instances, each its own process", () => {
    for (const service of ["orders", "inventory"] as const) {
      const [a, b] = p.replicas[service] ?? [];
      expect(a?.url).not.toBe(b?.url);
      expect(a?.proc.pid).not.toBe(b?.proc.pid);
    }
  });

  for (const [watchOn, changeOn] of [
    [0, 1],
    [1, 0],
  ] as const) {
    test(`stock followed on inventory ${watchOn + 1} moves with a correction made through inventory ${changeOn + 1}`, async () => {
      const sku = await freshSku(7);
      const seen: number[] = [];
      let first: () => void = () => {};
      const snapshot = new Promise<void>((resolve) => (first = resolve));
      let corrected: (available: number) => void = () => {};
      let failed: (err: unknown) => void = () => {};
      const arrived = new Promise<number>((resolve, reject) => {
        corrected = resolve;
        failed = reject;
      });
      const sub = inventoryAt(watchOn).onStockChanged.subscribe(
        { skus: [sku] },
        {
          onData: (level) => {
            const { available } = level as { available: number };
            seen.push(available);
            if (seen.length === 1) first();
            else if (available === 19) corrected(available);
          },
          onError: (err) => failed(err),
        },
      );
      try {
        // The first item is the snapshot, read after the stream began listening: nothing after it is missed.
        await Promise.race([snapshot, arrived]);
        expect(seen[0]).toBe(7);
        await inventoryAt(changeOn, p.adminSession.getToken).admin.adjust.mutate({
          sku,
          kind: "correct",
          quantity: 12,
          reason: `replica live test ${watchOn}`,
        });
        expect(await arrived).toBe(19);
      } finally {
        sub.unsubscribe();
      }
    }, 60_000);
  }

  for (const [watchOn, changeOn] of [
    [0, 1],
    [1, 0],
  ] as const) {
    test(`the admin feed on orders ${watchOn + 1} hears a cancellation made through orders ${changeOn + 1}`, async () => {
      const heard: OrderFeedItem[] = [];
      let feedError: unknown;
      const sub = ordersAt(watchOn, p.adminSession.getToken).admin.onFeed.subscribe(undefined, {
        onData: (item) => heard.push(item as OrderFeedItem),
        onError: (err) => (feedError = err),
      });
      try {
        // The feed sends nothing until something happens: orders are placed (through either
        // instance) until it has heard one, so it is surely listening before the change under test.
        const warmup = await freshSku(10);
        for (let tries = 0; heard.length === 0; tries++) {
          if (feedError || tries === 10) throw feedError ?? new Error("the feed heard none of 10 orders");
          await guestCheckout(p, [{ sku: warmup, quantity: 1 }], `feed-warmup-${watchOn}@example.com`);
          await eventually(async () => heard.length > 0, 3_000).catch(() => undefined);
        }
        const sku = await freshSku(5);
        const { placed } = await guestCheckout(p, [{ sku, quantity: 1 }], `feed-${watchOn}@example.com`);
        await ordersAt(changeOn, undefined, { "x-order-token": placed.accessToken }).cancel.mutate({
          orderId: placed.orderId,
          reason: "changed_mind",
        });
        const cancelled = await eventually(
          async () => heard.find((item) => item.orderId === placed.orderId && item.status === "CANCELLED"),
          30_000,
        );
        expect(cancelled.kind).toBe("status");
        expect(cancelled.previousStatus).not.toBeNull();
        expect(cancelled.previousStatus).not.toBe("CANCELLED");
      } finally {
        sub.unsubscribe();
      }
    }, 90_000);
  }
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { freePort, type ServiceProcess, spawnService } from "@mercato/testing";
import { cartClient, merchant, type Platform, signIn, startPlatform, watchCart } from "./harness.ts";

/**
 * Two cart instances on one database and one NATS (#26): the suite's own, in this process, and a
 * second one as a process of its own (nothing in memory is shared), on its own port. A shopper's
 * live view served by one instance follows a change committed through the other: the change is a
 * wake-up on `live.carts.*` over core NATS, and each instance re-reads the cart for its subscribers.
 */
let p: Platform;
let shop: Awaited<ReturnType<typeof merchant>>;
let second: ServiceProcess;
/** The same platform, with the cart addressed at the second instance. */
let viaSecond: Platform;

beforeAll(async () => {
  p = await startPlatform();
  shop = await merchant(p);
  second = await spawnService("cart", { ...p.cart.env, PORT: String(await freePort()) }, { timeoutMs: 30_000 });
  viaSecond = { ...p, cart: Object.assign(Object.create(p.cart), { url: second.url }) };
}, 60_000);

afterAll(async () => {
  await second?.kill("SIGTERM");
  await p?.dispose();
});

describe("live cart views across two instances", () => {
  test("watching on the second instance, a change made through the first arrives", async () => {
    await shop.product("REPLICA-1", 1500, 10);
    const token = await signIn(p, "replica-user-1");
    const watch = watchCart(viaSecond, {}, token);
    try {
      await watch.next((v) => v.itemCount === 0);
      await cartClient(p, token).cart.addItem.mutate({ sku: "REPLICA-1", quantity: 3 });
      const seen = await watch.next((v) => v.itemCount === 3, 0, 10_000);
      expect(seen.totals.subtotal).toBe(4500);
    } finally {
      await watch.close();
    }
  });

  test("watching on the first instance, a guest's change made through the second arrives", async () => {
    await shop.product("REPLICA-2", 800, 10);
    const { cartToken } = await cartClient(viaSecond).cart.addItem.mutate({ sku: "REPLICA-2", quantity: 1 });
    if (!cartToken) throw new Error("a new guest cart comes with its token");
    const watch = watchCart(p, { cartToken });
    try {
      await watch.next((v) => v.itemCount === 1);
      await cartClient(viaSecond, undefined, cartToken).cart.updateItem.mutate({ sku: "REPLICA-2", quantity: 4 });
      const seen = await watch.next((v) => v.itemCount === 4, 0, 10_000);
      expect(seen.totals.subtotal).toBe(3200);
    } finally {
      await watch.close();
    }
  });
});

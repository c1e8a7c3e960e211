/**
 * Business abuse, attacked through the public origin (the gateway) the way an outsider would:
 * stock hoarding with unpaid orders, a limited discount code raced by many checkouts, drafts read
 * by SKU, an unbounded listing filter, and an unbounded number of live streams.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { CartRouter } from "@mercato/cart";
import type { CatalogRouter } from "@mercato/catalog";
import type { InventoryRouter } from "@mercato/inventory";
import type { OrdersRouter } from "@mercato/orders";
import { eventually, failure, startPlatform, stockRowMade, type TestPlatform } from "@mercato/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import superjson from "superjson";

const ADDRESS = { name: "Eve Mallory", line1: "1 Attack Lane", city: "Berlin", postalCode: "10115", country: "DE" };
/** The unpaid caps this platform runs with (the production defaults). */
const MAX_UNPAID_PER_ADDRESS = 5;
const MAX_UNPAID_UNITS = 20;
const STREAMS_PER_CLIENT = 20;

let p: TestPlatform;
let gatewayUrl: string;
let adminToken: string;

/**
 * A client of the public origin, as a visitor from `address`: the gateway trusts X-Forwarded-For
 * here (TRUSTED_PROXY_HOPS=1, as behind a load balancer), so each address is a different client.
 */
function outsider<R extends AnyRouter>(address: string, token?: string, extra: Record<string, string> = {}) {
  return createTRPCClient<R>({
    links: [
      httpLink({
        url: `${gatewayUrl}/trpc`,
        transformer: superjson,
        headers: () => ({
          "x-forwarded-for": address,
          ...extra,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        }),
      }),
    ],
  } as never);
}

const admin = {
  catalog: () => outsider<CatalogRouter>("10.0.0.1", adminToken),
  inventory: () => outsider<InventoryRouter>("10.0.0.1", adminToken),
  cart: () => outsider<CartRouter>("10.0.0.1", adminToken),
};

let skuCount = 0;
/** A new active product with one SKU holding `stock` units, known to inventory. */
async function productWithStock(stock: number, price = 2_000): Promise<string> {
  const sku = `ABUSE-${++skuCount}-${Date.now().toString(36).toUpperCase()}`;
  await admin.catalog().catalog.admin.products.create.mutate({
    title: `Abuse target ${sku}`,
    status: "active",
    variants: [{ sku, price }],
  });
  // Its stock row, made when inventory hears catalog.product.created (not `availability`: 0 for unknown SKUs too).
  await stockRowMade(admin.inventory().inventory, sku, 20_000);
  await admin
    .inventory()
    .inventory.admin.adjust.mutate({ sku, kind: "receive", quantity: stock, reason: "abuse test" });
  return sku;
}

async function available(sku: string): Promise<number> {
  const [level] = await admin.inventory().inventory.availability.query({ skus: [sku] });
  return level?.available ?? 0;
}

/** A guest cart from `address` holding `quantity` of `sku`, optionally with a discount code. */
async function guestCart(address: string, sku: string, quantity: number, code?: string): Promise<string> {
  const cart = outsider<CartRouter>(address).cart;
  const { cartToken } = await cart.addItem.mutate({ sku, quantity });
  if (!cartToken) throw new Error("no cart token");
  if (code) await cart.applyCode.mutate({ cartToken, code });
  return cartToken;
}

function checkout(address: string, cartToken: string, email: string) {
  return outsider<OrdersRouter>(address).orders.checkout.mutate({
    cartToken,
    email,
    shippingAddress: ADDRESS,
    idempotencyKey: crypto.randomUUID(),
  });
}

/** A GET sent byte for byte (no URL encoding), the way a hand-made attack is: fits 992 option keys in the URL. */
async function rawGet(url: string): Promise<{ status: number; body: string }> {
  const { hostname, port, pathname, search } = new URL(url);
  const target = `${pathname}${decodeURIComponent(search)}`;
  const reply = await new Promise<string>((resolve, reject) => {
    let buf = "";
    Bun.connect({
      hostname,
      port: Number(port),
      socket: {
        open(sock) {
          sock.write(`GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
        },
        data(_sock, chunk) {
          buf += chunk.toString();
        },
        close() {
          resolve(buf);
        },
        error(_sock, err) {
          reject(err);
        },
      },
    }).catch(reject);
  });
  const [head = "", ...rest] = reply.split("\r\n\r\n");
  return { status: Number(head.split(" ")[1]), body: rest.join("\r\n\r\n") };
}

beforeAll(async () => {
  p = await startPlatform({
    gateway: true,
    testIssuer: true,
    // The catalog's demo data holds the regions carts are priced in.
    seedDemo: ["identity", "catalog"],
    env: {
      // Behind a load balancer: the client address comes from X-Forwarded-For.
      gateway: {
        TRUSTED_PROXY_HOPS: "1",
        RATE_LIMIT_SENSITIVE: "1000",
        RATE_LIMIT_IP: "100000",
        RATE_LIMIT_READ: "100000",
      },
    },
  });
  if (!p.gateway || !p.issuer) throw new Error("the abuse suite needs the gateway and a test issuer");
  gatewayUrl = p.gateway.url;
  adminToken = await p.issuer.sign({ sub: "abuse-admin", email: "admin@example.com", role: "admin" });
}, 180_000);

afterAll(async () => {
  await p?.dispose();
});

describe("stock hoarding", () => {
  test("one client address is capped at its unpaid orders; the SKU stays in stock for everyone else", async () => {
    const stock = 50;
    const sku = await productWithStock(stock);
    const hoarder = "203.0.113.66";
    const placed = [];
    for (let i = 0; i < MAX_UNPAID_PER_ADDRESS; i++) {
      const cart = await guestCart(hoarder, sku, 2);
      placed.push(await checkout(hoarder, cart, `hoarder${i}@example.com`));
    }
    expect(placed.every((o) => o.paymentStatus === "AWAITING" && o.payment !== null)).toBe(true);

    const refused = await failure(checkout(hoarder, await guestCart(hoarder, sku, 2), "hoarder-next@example.com"));
    expect(refused.data?.httpStatus).toBe(429);
    expect(refused.data?.field).toBe("clientAddress");
    // Fresh emails and carts do not help: the address holds at most its cap, so most stock is free.
    expect(await available(sku)).toBe(stock - 2 * MAX_UNPAID_PER_ADDRESS);

    // One order bigger than the unit cap is refused too, from any address.
    const bulk = await failure(checkout("203.0.113.67", await guestCart("203.0.113.67", sku, 21), "bulk@example.com"));
    expect(bulk.data?.httpStatus).toBe(429);
    expect(bulk.data?.field).toBe("lines");
    expect(MAX_UNPAID_UNITS).toBeLessThan(21);

    // Another client still buys.
    const honest = await checkout("198.51.100.5", await guestCart("198.51.100.5", sku, 1), "honest@example.com");
    expect([honest.status, honest.paymentStatus, honest.payment !== null]).toEqual(["PENDING", "AWAITING", true]);
  }, 120_000);

  test("one email is capped at its unpaid orders whatever the address", async () => {
    const sku = await productWithStock(30);
    const email = "same-person@example.com";
    for (let i = 0; i < 3; i++) {
      const address = `192.0.2.${10 + i}`;
      await checkout(address, await guestCart(address, sku, 1), email);
    }
    const refused = await failure(checkout("192.0.2.99", await guestCart("192.0.2.99", sku, 1), email));
    expect(refused.data?.httpStatus).toBe(429);
    expect(refused.data?.field).toBe("email");
  }, 120_000);
});

describe("stock hoarding with one cart", () => {
  test("one cart is capped at its unpaid orders, whatever the address and email", async () => {
    const sku = await productWithStock(30);
    const cartToken = await guestCart("192.0.2.200", sku, 1);
    const cart = outsider<CartRouter>("192.0.2.200", undefined, { "x-cart-token": cartToken }).cart;
    const refill = async () => {
      // Checkout empties the cart (orders.placed); fill it again once it is empty.
      await eventually(async () => ((await cart.get.query()).lines.length === 0 ? true : undefined), 10_000);
      await cart.addItem.mutate({ cartToken, sku, quantity: 1 });
    };
    await checkout("192.0.2.201", cartToken, "cart-a@example.com");
    await refill();
    await checkout("192.0.2.202", cartToken, "cart-b@example.com");
    await refill();
    const refused = await failure(checkout("192.0.2.203", cartToken, "cart-c@example.com"));
    expect(refused.data?.httpStatus).toBe(429);
    expect(refused.data?.field).toBe("cart");
  }, 120_000);
});

describe("mail abuse", () => {
  test("a shopper cannot put free text in the cancellation email: the reason is a fixed code", async () => {
    const sku = await productWithStock(5);
    const placed = await checkout("192.0.2.210", await guestCart("192.0.2.210", sku, 1), "victim@example.com");
    const orders = outsider<OrdersRouter>("192.0.2.210").orders;
    const cancel = (reason: string) =>
      orders.cancel.mutate({ orderId: placed.orderId, accessToken: placed.accessToken, reason: reason as "other" });
    const err = await failure(cancel("Your card was charged twice, call +1 555 0100 or visit https://evil.example"));
    expect(err.data?.httpStatus).toBe(400);
    expect(err.data?.field).toBe("reason");
    expect((await cancel("changed_mind")).cancellation?.reason).toBe("changed_mind");
  }, 60_000);
});

describe("discount limits", () => {
  test("60 concurrent checkouts on a 50-use code give exactly 50 discounts", async () => {
    const sku = await productWithStock(200, 5_000);
    await admin
      .cart()
      .cart.admin.codes.create.mutate({ code: "RACE50", kind: "fixed", value: 1_000, currency: "EUR", usageLimit: 50 });
    const buyers = Array.from({ length: 60 }, (_, i) => `100.64.${Math.floor(i / 200)}.${(i % 200) + 1}`);
    const carts = await Promise.all(buyers.map((address) => guestCart(address, sku, 1, "RACE50")));
    const outcomes = await Promise.allSettled(
      buyers.map((address, i) => checkout(address, carts[i]!, `racer${i}@example.com`)),
    );
    const discounted = outcomes.filter((o) => o.status === "fulfilled" && o.value.totals.discount === 1_000);
    expect(discounted).toHaveLength(50);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused).toHaveLength(10);
    for (const r of refused) {
      expect(r.reason.data?.httpStatus).toBe(409);
      expect(r.reason.data?.field).toBe("discountCode");
    }
    const [code] = (await admin.cart().cart.admin.codes.list.query()).filter((c) => c.code === "RACE50");
    expect(code?.used).toBe(50);
  }, 180_000);
});

describe("catalog reads", () => {
  test("bySkus does not show a draft product to the public", async () => {
    const sku = `DRAFT-${Date.now().toString(36).toUpperCase()}`;
    await admin
      .catalog()
      .catalog.admin.products.create.mutate({ title: `Secret ${sku}`, variants: [{ sku, price: 1 }] });
    const visitor = outsider<CatalogRouter>("203.0.113.80");
    expect(await visitor.catalog.products.bySkus.query({ skus: [sku] })).toEqual([]);
    const seen = await admin.catalog().catalog.products.bySkus.query({ skus: [sku] });
    expect(seen.map((v) => v.status)).toEqual(["draft"]);
  });

  test("992 option keys in a listing are a 400 naming options, not a 500", async () => {
    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [i.toString(36), ["v"]]));
    // Over the bound through the typed client: 400 naming options.
    const visitor = outsider<CatalogRouter>("203.0.113.81");
    const over = await failure(visitor.catalog.products.list.query({ options: keys(21) }));
    expect(over.data?.httpStatus).toBe(400);
    expect(over.data?.field).toBe("options");
    // 992 keys, hand-made (unencoded, so the URL fits): the service answers 400 naming options...
    const input = JSON.stringify({ json: { options: keys(992) } });
    const direct = await rawGet(`${p.urls.catalog}/trpc/catalog.products.list?input=${input}`);
    expect(direct.status).toBe(400);
    expect(direct.body).toContain('"field":"options"');
    // ...and through the public origin, which forwards the URL encoded, the request is refused
    // for its size before it reaches SQLite: a 4xx, never a 500.
    const res = await rawGet(`${gatewayUrl}/trpc/catalog.products.list?input=${input}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe("live streams", () => {
  test("one client address holds at most 20 live streams; the 21st is refused with 429 naming stream", async () => {
    const sku = await productWithStock(5);
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ skus: [sku] })));
    const open = (address: string, abort: AbortController) =>
      fetch(`${gatewayUrl}/trpc/inventory.onStockChanged?input=${input}`, {
        headers: { accept: "text/event-stream", "x-forwarded-for": address },
        signal: abort.signal,
      });
    const firstChunk = async (res: Response) => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      const { value } = await reader.read();
      reader.releaseLock();
      return value ?? "";
    };
    const aborts = Array.from({ length: STREAMS_PER_CLIENT }, () => new AbortController());
    try {
      const streams = await Promise.all(aborts.map((a) => open("203.0.113.120", a)));
      expect(streams.map((r) => r.status)).toEqual(aborts.map(() => 200));
      const heads = await Promise.all(streams.map(firstChunk));
      expect(heads.some((h) => h.includes("TOO_MANY_REQUESTS"))).toBe(false);

      const over = new AbortController();
      const refused = await open("203.0.113.120", over);
      const text = await firstChunk(refused);
      over.abort();
      expect(text).toContain("TOO_MANY_REQUESTS");
      expect(text).toContain('"field":"stream"');

      // Another client is not affected.
      const other = new AbortController();
      const fine = await open("198.51.100.120", other);
      const otherHead = await firstChunk(fine);
      other.abort();
      expect(otherHead).not.toContain("TOO_MANY_REQUESTS");
    } finally {
      for (const a of aborts) a.abort();
    }
  }, 60_000);
});

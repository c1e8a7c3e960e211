import type { CatalogRouter } from "@mercato/catalog";
import { EventBus } from "@mercato/events";
import type { InventoryRouter } from "@mercato/inventory";
import { createLogger } from "@mercato/kit";
import type { Currency, TaxClass } from "@mercato/pricing";
import {
  clientFor,
  eventually,
  failure,
  type InProcessService,
  type NatsServer,
  type RunningServer,
  startPlatform as startTestPlatform,
  type TestIssuer,
} from "@mercato/testing";
import superjson from "superjson";
import type { CartDeps } from "../src/deps.ts";
import type { CartRouter, CartView } from "../src/index.ts";

export { eventually };

/**
 * Real NATS, Redis, catalog, inventory and cart, in this process, each on its own port and database.
 * The catalog holds its demo data, for the demo regions (`eu`, `uk`, `us`) the cart is priced in.
 */
export interface Platform {
  nats: RunningServer;
  redis: RunningServer;
  issuer: TestIssuer;
  catalog: InProcessService;
  inventory: InProcessService;
  cart: InProcessService<CartDeps>;
  /** The bus as the orders service (its own NATS user): orders' events the cart consumes. */
  ordersBus: EventBus;
  dispose(): Promise<void>;
}

export async function startPlatform(): Promise<Platform> {
  const services = ["catalog", "inventory", "cart"] as const;
  const platform = await startTestPlatform({ services, inProcess: services, seedDemo: ["catalog"] });
  const { issuer } = platform;
  if (!issuer) throw new Error("the cart's platform signs its users' tokens with a test issuer");
  // The cart may not publish orders' events (NATS permissions): orders does, as itself.
  const ordersBus = await EventBus.connect(
    (platform.nats as NatsServer).urlFor("orders"),
    "orders-in-cart-tests",
    createLogger("orders", "silent"),
  );
  return {
    ordersBus,
    nats: platform.nats,
    redis: platform.redis,
    issuer,
    catalog: platform.inProcess.catalog,
    inventory: platform.inProcess.inventory,
    cart: platform.inProcess.cart as InProcessService<CartDeps>,
    dispose: async () => {
      await ordersBus.close();
      await platform.dispose();
    },
  };
}

export function cartClient(p: Platform, userToken?: string) {
  return clientFor<CartRouter>(p.cart.url, { token: userToken });
}

/** Calls the cart as the orders service would: with a service credential. */
export function serviceClient(p: Platform) {
  return clientFor<CartRouter>(p.cart.url, { service: "orders" });
}

export async function signIn(p: Platform, sub: string, role: "customer" | "admin" = "customer"): Promise<string> {
  return p.issuer.sign({ sub, email: `${sub}@example.com`, role });
}

/** The merchant's side: products in the catalog, stock in inventory, through their admin APIs. */
export async function merchant(p: Platform) {
  const token = await signIn(p, "merchant", "admin");
  const catalog = clientFor<CatalogRouter>(p.catalog.url, { token });
  const inventory = clientFor<InventoryRouter>(p.inventory.url, { token });

  async function available(sku: string): Promise<number> {
    const [level] = await inventory.inventory.availability.query({ skus: [sku] });
    return level?.available ?? 0;
  }

  async function setAvailable(sku: string, quantity: number): Promise<void> {
    const delta = quantity - (await available(sku));
    if (delta === 0) return;
    await inventory.inventory.admin.adjust.mutate({ sku, kind: "correct", quantity: delta, reason: "test" });
  }

  return {
    catalog,
    /**
     * An active product with one variant, priced in EUR (a number) or in each currency given;
     * resolves once inventory holds `stock` of it.
     */
    async product(
      sku: string,
      price: number | Partial<Record<Currency, number>>,
      stock: number,
      opts: { weightGrams?: number; taxClass?: TaxClass } = {},
    ) {
      const prices = Object.entries(typeof price === "number" ? { EUR: price } : price).map(([currency, amount]) => ({
        currency: currency as Currency,
        amount: amount as number,
      }));
      const created = await catalog.catalog.admin.products.create.mutate({
        title: `Product ${sku}`,
        status: "active",
        images: [{ url: `https://img.example/${sku}.jpg`, alt: sku }],
        ...(opts.taxClass ? { taxClass: opts.taxClass } : {}),
        variants: [{ sku, prices, weightGrams: opts.weightGrams ?? 0 }],
      });
      // Inventory creates the stock row when it hears catalog.product.created.
      await eventually(async () => {
        await inventory.inventory.admin.adjust.mutate({ sku, kind: "receive", quantity: stock, reason: "test" });
        return true;
      });
      return created;
    },
    setAvailable,
    async setPrice(productId: string, sku: string, price: number) {
      await catalog.catalog.admin.products.update.mutate({ id: productId, variants: [{ sku, price }] });
    },
    async archive(productId: string) {
      await catalog.catalog.admin.products.archive.mutate({ id: productId });
    },
  };
}

/** The tRPC error a call fails with, as code and message (the test fails if it succeeds). */
export async function rejection(call: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  const err = await failure(call);
  return { code: err.data?.code, message: err.message };
}

/** The tRPC error a call fails with, with the field it names (`data.field`). */
export async function refusal(
  call: Promise<unknown>,
): Promise<{ code: string | undefined; field: string | undefined; message: string }> {
  const err = await failure(call);
  const data = err.data as { code?: string; field?: string } | undefined;
  return { code: data?.code, field: data?.field, message: err.message };
}

/**
 * A live subscription over tRPC's SSE transport (no EventSource in Bun): yields each cart view
 * the server sends.
 */
export function watchCart(p: Platform, input: { cartToken?: string }, userToken?: string) {
  const abort = new AbortController();
  const views: CartView[] = [];
  const waiters: (() => void)[] = [];
  const url = `${p.cart.url}/trpc/cart.onChanged?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const done = (async () => {
    const res = await fetch(url, {
      headers: { accept: "text/event-stream", ...(userToken ? { authorization: `Bearer ${userToken}` } : {}) },
      signal: abort.signal,
    });
    if (!res.body) throw new Error(`no stream: ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
        const event = block.match(/^event: (.*)$/m)?.[1];
        const data = block.match(/^data: (.*)$/m)?.[1];
        if (event || !data) continue; // connected, ping, return
        views.push(superjson.deserialize(JSON.parse(data)) as CartView);
        for (const w of waiters.splice(0)) w();
      }
    }
  })().catch(() => undefined);
  return {
    views,
    /** Resolves with the first view (from now on, counting from index `from`) that passes `test`. */
    async next(test: (v: CartView) => boolean, from = 0, timeoutMs = 5_000): Promise<CartView> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = views.slice(from).find(test);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no matching cart view; saw ${JSON.stringify(views.map((v) => v.itemCount))}`);
        await Promise.race([new Promise<void>((r) => waiters.push(r)), Bun.sleep(100)]);
      }
    },
    async close() {
      abort.abort();
      await done;
    },
  };
}

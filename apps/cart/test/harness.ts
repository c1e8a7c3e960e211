import type { InventoryRouter } from "@mercato/inventory";
import { createServiceSigner } from "@mercato/kit";
import {
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  TEST_SERVICE_SECRET,
  type TestIssuer,
} from "@mercato/testing";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import superjson from "superjson";
import type { CatalogRouter } from "../../catalog/src/index.ts";
import { catalogService } from "../../catalog/src/service.ts";
import { inventoryService } from "../../inventory/src/service.ts";
import type { CartRouter, CartView } from "../src/index.ts";
import { cartService } from "../src/service.ts";

type Started<S extends { run: (...args: never[]) => Promise<unknown> }> = Awaited<
  ReturnType<typeof startTestService<Awaited<ReturnType<S["run"]>>>>
>;

/** Real NATS, Redis, catalog, inventory and cart, each service on its own port and database. */
export interface Platform {
  nats: RunningServer;
  redis: RunningServer;
  issuer: TestIssuer;
  catalog: Started<typeof catalogService>;
  inventory: Started<typeof inventoryService>;
  cart: Started<typeof cartService>;
  dispose(): Promise<void>;
}

export async function startPlatform(): Promise<Platform> {
  const [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  const base = { nats, redis, issuer };
  const [catalog, inventory] = await Promise.all([
    startTestService(catalogService, { service: "catalog", ...base }),
    startTestService(inventoryService, { service: "inventory", ...base }),
  ]);
  const cart = await startTestService(cartService, {
    service: "cart",
    ...base,
    env: { CATALOG_URL: catalog.url, INVENTORY_URL: inventory.url },
  });
  return {
    ...base,
    catalog,
    inventory,
    cart,
    async dispose() {
      await cart.dispose();
      await Promise.all([catalog.dispose(), inventory.dispose()]);
      issuer.stop();
      await Promise.all([nats.dispose(), redis.dispose()]);
    },
  };
}

function client<R extends AnyRouter>(url: string, headers: () => Promise<Record<string, string>>) {
  const link = httpBatchLink({ url: `${url}/trpc`, transformer: superjson, headers });
  return createTRPCClient<R>({ links: [link as never] });
}

export function cartClient(p: Platform, userToken?: string) {
  return client<CartRouter>(
    p.cart.url,
    async (): Promise<Record<string, string>> => (userToken ? { authorization: `Bearer ${userToken}` } : {}),
  );
}

/** Calls the cart as the orders service would: with a service credential. */
export function serviceClient(p: Platform) {
  const sign = createServiceSigner(TEST_SERVICE_SECRET, "orders");
  return client<CartRouter>(p.cart.url, async () => ({ "x-service-token": await sign() }));
}

export async function signIn(p: Platform, sub: string, role: "customer" | "admin" = "customer"): Promise<string> {
  return p.issuer.sign({ sub, email: `${sub}@example.com`, role });
}

/** The merchant's side: products in the catalog, stock in inventory, through their admin APIs. */
export async function merchant(p: Platform) {
  const token = await signIn(p, "merchant", "admin");
  const headers = async () => ({ authorization: `Bearer ${token}` });
  const catalog = client<CatalogRouter>(p.catalog.url, headers);
  const inventory = client<InventoryRouter>(p.inventory.url, headers);

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
    /** An active product with one variant; resolves once inventory holds `stock` of it. */
    async product(sku: string, price: number, stock: number, currency: "EUR" | "USD" = "EUR") {
      const created = await catalog.catalog.admin.products.create.mutate({
        title: `Product ${sku}`,
        status: "active",
        images: [{ url: `https://img.example/${sku}.jpg`, alt: sku }],
        variants: [{ sku, price, currency }],
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

/** Retries `fn` until it returns a truthy value or the deadline passes (then throws its last error). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = new Error("condition never held");
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw last;
    await Bun.sleep(50);
  }
}

/** The tRPC error a call fails with (the test fails if it succeeds). */
export async function rejection(call: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  try {
    await call;
  } catch (err) {
    if (err instanceof TRPCClientError) return { code: err.data?.code, message: err.message };
    throw err;
  }
  throw new Error("expected the call to fail, but it succeeded");
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

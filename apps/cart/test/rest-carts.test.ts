import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { count } from "drizzle-orm";
import { CART_TOKEN_HEADER, cartViewSchema } from "../src/contract.ts";
import { cartItems, carts } from "../src/db/schema.ts";
import { cartClient, merchant, type Platform, signIn, startPlatform } from "./harness.ts";

/**
 * The cart as REST resources (#24), called with plain fetch on the cart service's /api/v1: the
 * same use cases as tRPC, the guest's token in the x-cart-token header only, the cart id in the
 * path an address that opens nobody else's cart.
 */
let p: Platform;
let shop: Awaited<ReturnType<typeof merchant>>;

beforeAll(async () => {
  p = await startPlatform();
  shop = await merchant(p);
  await Promise.all([shop.product("REST-A", { EUR: 1200, GBP: 1000, USD: 1300 }, 10), shop.product("REST-B", 500, 2)]);
}, 60_000);

afterAll(async () => {
  await p?.dispose();
});

type Problem = { status: number; code: string; field?: string; errors?: { field: string }[] };
type Json = Record<string, unknown>;

async function call(method: string, path: string, opts: { token?: string; bearer?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (opts.token) headers[CART_TOKEN_HEADER] = opts.token;
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${p.cart.url}/api/v1${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return { res, body: (await res.json()) as Json };
}

async function rows() {
  const [c] = await p.cart.deps.db.orm.select({ n: count() }).from(carts);
  const [i] = await p.cart.deps.db.orm.select({ n: count() }).from(cartItems);
  return { carts: c?.n ?? 0, items: i?.n ?? 0 };
}

/** A guest's new cart over REST: its id and token. */
async function openGuestCart(body: unknown = {}) {
  const { res, body: opened } = await call("POST", "/carts", { body });
  expect(res.status).toBe(200);
  const token = String(opened.cartToken);
  expect(res.headers.get(CART_TOKEN_HEADER)).toBe(token);
  return { cartId: String(opened.cartId), token, opened };
}

describe("REST carts: a guest's whole journey", () => {
  test("open, add, change, re-region, remove: each answer is the cart as tRPC sees it", async () => {
    const { cartId, token, opened } = await openGuestCart({ regionId: "eu" });
    expect(opened.lines).toEqual([]);
    expect(opened.currency).toBe("EUR");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Opening again with the token gets the same cart, and no new token.
    const again = await call("POST", "/carts", { token, body: {} });
    expect(again.body.cartId).toBe(cartId);
    expect(again.body.cartToken).toBeNull();
    expect(again.res.headers.get(CART_TOKEN_HEADER)).toBeNull();

    const added = await call("POST", `/carts/${cartId}/items`, { token, body: { sku: "REST-A", quantity: 2 } });
    expect(added.res.status).toBe(200);
    expect(added.body.itemCount).toBe(2);
    expect((added.body.totals as Json).subtotal).toBe(2400);
    // Plain JSON: the time is an ISO-8601 UTC string.
    expect(String(added.body.updatedAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const viaTrpc = await cartClient(p, undefined, token).cart.get.query();
    expect(viaTrpc.cartId).toBe(cartId);
    expect(JSON.parse(JSON.stringify(viaTrpc))).toEqual(added.body);

    const changed = await call("PATCH", `/carts/${cartId}/items/REST-A`, { token, body: { quantity: 5 } });
    expect(changed.body.itemCount).toBe(5);

    const moved = await call("PUT", `/carts/${cartId}/region`, { token, body: { regionId: "uk" } });
    expect(moved.res.status).toBe(200);
    expect(moved.body.currency).toBe("GBP");
    expect((moved.body.totals as Json).subtotal).toBe(5000);

    const read = await call("GET", `/carts/${cartId}`, { token });
    expect(read.res.status).toBe(200);
    expect(read.res.headers.get("cache-control")).toBe("private, no-store");
    expect(read.body).toEqual(moved.body);

    const removed = await call("DELETE", `/carts/${cartId}/items/REST-A`, { token });
    expect(removed.res.status).toBe(200);
    expect(removed.body.lines).toEqual([]);
  });

  test("a code that does not exist is a 4xx problem naming `code`; removing none is fine", async () => {
    const { cartId, token } = await openGuestCart();
    await call("POST", `/carts/${cartId}/items`, { token, body: { sku: "REST-B", quantity: 1 } });
    const code = await call("PUT", `/carts/${cartId}/discount-code`, { token, body: { code: "NO-SUCH-CODE" } });
    expect(code.res.status).toBeGreaterThanOrEqual(400);
    expect(code.res.status).toBeLessThan(500);
    expect(code.res.headers.get("content-type")).toStartWith("application/problem+json");
    expect((code.body as unknown as Problem).field).toBe("code");
    const none = await call("DELETE", `/carts/${cartId}/discount-code`, { token });
    expect(none.res.status).toBe(200);
    expect(none.body.discount).toBeNull();
    const cleared = await call("DELETE", `/carts/${cartId}/items`, { token });
    expect(cleared.body.itemCount).toBe(0);
  });

  test("a signed-in shopper's bearer finds their cart; the path's id must be theirs", async () => {
    const bearer = await signIn(p, "rest-user");
    const { res, body } = await call("POST", "/carts", { bearer, body: { regionId: "us" } });
    expect(res.status).toBe(200);
    expect(body.cartToken).toBeNull(); // a user's cart has no token
    const cartId = String(body.cartId);
    const added = await call("POST", `/carts/${cartId}/items`, { bearer, body: { sku: "REST-B", quantity: 1 } });
    expect(added.res.status).toBe(409); // REST-B has no USD price: not sold in the user's region
    expect((added.body as unknown as Problem).field).toBe("sku");
    const ok = await call("POST", `/carts/${cartId}/items`, { bearer, body: { sku: "REST-A", quantity: 1 } });
    expect([ok.res.status, ok.body.itemCount]).toEqual([200, 1]);
  });
});

describe("REST carts: refusals", () => {
  test("another shopper's cart id is a 404 naming cartId, and changes nothing", async () => {
    const mine = await openGuestCart();
    const theirs = await openGuestCart();
    await call("POST", `/carts/${theirs.cartId}/items`, { token: theirs.token, body: { sku: "REST-A", quantity: 1 } });
    const before = await rows();
    for (const [method, path, body] of [
      ["GET", `/carts/${theirs.cartId}`, undefined],
      ["POST", `/carts/${theirs.cartId}/items`, { sku: "REST-A", quantity: 1 }],
      ["DELETE", `/carts/${theirs.cartId}/items/REST-A`, undefined],
      ["PUT", `/carts/${theirs.cartId}/region`, { regionId: "uk" }],
    ] as const) {
      const { res, body: problem } = await call(method, path, { token: mine.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((problem as unknown as Problem).field).toBe("cartId");
    }
    // Without any token, a cart id opens nothing either.
    const anonymous = await call("GET", `/carts/${theirs.cartId}`);
    expect([anonymous.res.status, (anonymous.body as unknown as Problem).field]).toEqual([404, "cartId"]);
    expect(await rows()).toEqual(before);
    expect((await cartClient(p, undefined, theirs.token).cart.get.query()).itemCount).toBe(1);
  });

  test("the token is read from the header only: in the URL's query it opens nothing", async () => {
    const { cartId, token } = await openGuestCart();
    const res = await fetch(`${p.cart.url}/api/v1/carts/${cartId}?cartToken=${token}&x-cart-token=${token}`);
    expect(res.status).toBe(404);
    const bad = await call("GET", `/carts/${cartId}`, { token: "x".repeat(200) });
    expect([bad.res.status, (bad.body as unknown as Problem).field]).toEqual([400, CART_TOKEN_HEADER]);
  });

  test("a bad body is a 400 problem naming each field, and writes nothing", async () => {
    const { cartId, token } = await openGuestCart();
    const before = await rows();
    const { res, body } = await call("POST", `/carts/${cartId}/items`, { token, body: { sku: "", quantity: 100 } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toStartWith("application/problem+json");
    const problem = body as unknown as Problem;
    expect(problem.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(["sku", "quantity"]));
    const over = await call("POST", `/carts/${cartId}/items`, { token, body: { sku: "REST-B", quantity: 3 } });
    expect([over.res.status, (over.body as unknown as Problem).field]).toEqual([400, "quantity"]);
    expect(await rows()).toEqual(before);
  });

  test("a bearer that does not verify is a 401, not a guest", async () => {
    const { res } = await call("POST", "/carts", { bearer: "aaa.bbb.ccc", body: {} });
    expect(res.status).toBe(401);
  });
});

describe("the cart view's schema", () => {
  test("keeps every field of the view the tRPC procedures answer (nothing is stripped)", async () => {
    const { token } = await openGuestCart();
    const client = cartClient(p, undefined, token);
    await client.cart.addItem.mutate({ sku: "REST-A", quantity: 1 });
    await client.cart.addItem.mutate({ sku: "REST-B", quantity: 1 });
    await client.cart.setDestination.mutate({ country: "FR" });
    const view = await client.cart.get.query();
    expect(view.lines).toHaveLength(2);
    expect(cartViewSchema.parse(view)).toEqual(view);
    const empty = await cartClient(p).cart.get.query({ regionId: "us" });
    expect(cartViewSchema.parse(empty)).toEqual(empty);
  });
});

/**
 * "Verified purchase" over the real platform (#27): identity, catalog, inventory, cart, payments
 * (test provider) and orders each in their own process on private NATS and Redis. A shopper
 * signed up at identity reviews a product, then buys it with a real paid order: the catalog
 * hears orders.paid and the review carries the verified badge; a shopper who did not buy it does
 * not get one. Moderation by identity's demo admin, with a real JWT.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eventually, setStock, startPlatform, type TestPlatform, type TestUser } from "@mercato/testing";

const SAGA = ["identity", "catalog", "inventory", "cart", "payments", "orders"] as const;
type Saga = (typeof SAGA)[number];
const ADDRESS = { name: "Ada Lovelace", line1: "1 Test Street", city: "Berlin", postalCode: "10115", country: "DE" };

let p: TestPlatform<Saga>;
let admin: TestUser;

beforeAll(async () => {
  p = await startPlatform({ services: SAGA, seedDemo: true });
  admin = await p.signInDemoAdmin();
}, 120_000);
afterAll(async () => {
  await p?.dispose();
});

/** A signed-in shopper's paid order of one unit of `sku`. */
async function buy(shopper: TestUser, sku: string) {
  await p.client("cart", { token: shopper.getToken }).cart.addItem.mutate({ sku, quantity: 1 });
  const orders = p.client("orders", { token: shopper.getToken }).orders;
  const placed = await orders.checkout.mutate({
    email: shopper.email,
    shippingAddress: ADDRESS,
    idempotencyKey: crypto.randomUUID(),
  });
  const awaiting = await eventually(async () => {
    const o = await orders.byId.query({ orderId: placed.orderId });
    return o.paymentStatus === "AWAITING" && o.payment?.clientSecret ? o.payment : undefined;
  }, 20_000);
  await p.client("payments").payments.confirmTest.mutate({
    paymentId: awaiting.paymentId,
    clientSecret: awaiting.clientSecret ?? "",
    card: "4242424242424242",
  });
  await eventually(async () => {
    const o = await orders.byId.query({ orderId: placed.orderId });
    return o.paymentStatus === "PAID" ? true : undefined;
  }, 20_000);
}

describe("verified purchase", () => {
  test("a review becomes verified when its author's order is paid; another shopper's does not", async () => {
    const page = await p.client("catalog").catalog.products.list.query({ limit: 10 });
    const product = page.items.find((i) => i.variants.length > 0);
    if (!product) throw new Error("no demo product with variants");
    const sku = product.variants[0]!.sku;
    const inventory = p.client("inventory", { token: admin.getToken }).inventory;
    await eventually(
      async () => ((await inventory.availability.query({ skus: [sku] })).length ? true : undefined),
      30_000,
    );
    await setStock(inventory, sku, 10, "reviews e2e");

    const [buyer, browser] = await Promise.all([p.signUp(), p.signUp()]);
    const reviews = (u: TestUser) => p.client("catalog", { token: u.getToken }).catalog.reviews;
    const text = { productId: product.id, authorName: "Ada", title: "Bought it", body: "Arrived quickly." };
    const mine = await reviews(buyer).create.mutate({ ...text, rating: 5 });
    expect(mine.verified).toBe(false);
    const theirs = await reviews(browser).create.mutate({ ...text, rating: 2, title: "Only looked" });

    await buy(buyer, sku);
    const verified = await eventually(async () => {
      const r = await reviews(buyer).mine.query({ productId: product.id });
      return r?.verified ? r : undefined;
    }, 20_000);
    expect(verified.id).toBe(mine.id);

    const moderator = p.client("catalog", { token: admin.getToken }).catalog.reviews;
    await moderator.publish.mutate({ reviewId: mine.id });
    await moderator.publish.mutate({ reviewId: theirs.id });
    const shown = await p
      .client("catalog")
      .catalog.reviews.forProduct.query({ productId: product.id, sort: "highest" });
    expect(shown.items.map((r) => [r.title, r.verified])).toEqual([
      ["Bought it", true],
      ["Only looked", false],
    ]);

    // A shopper who bought first and reviews afterwards is verified too (whichever the catalog
    // sees first: the review finds the purchase, or the purchase marks the review).
    const early = await p.signUp();
    await buy(early, sku);
    const written = await reviews(early).create.mutate({ ...text, rating: 4, title: "Bought first" });
    const marked = await eventually(async () => {
      const r = await reviews(early).mine.query({ productId: product.id });
      return r?.verified ? r : undefined;
    }, 20_000);
    expect(marked.id).toBe(written.id);
  });
});

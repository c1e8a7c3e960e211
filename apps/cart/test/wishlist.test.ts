import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createEvent, parseEvent, StockChanged, WishlistAlert } from "@mercato/events";
import { count, eq } from "drizzle-orm";
import { onStockChanged } from "../src/app/wishlist-alerts.ts";
import { outbox, wishlistItems, wishlists, wishlistWatch } from "../src/db/schema.ts";
import {
  cartClient,
  eventually,
  merchant,
  type Platform,
  refusal,
  rejection,
  signIn,
  startPlatform,
} from "./harness.ts";

let p: Platform;
let shop: Awaited<ReturnType<typeof merchant>>;

beforeAll(async () => {
  p = await startPlatform();
  shop = await merchant(p);
}, 30_000);

afterAll(async () => {
  await p?.dispose();
});

const skusOf = (view: { items: { sku: string }[] }) => view.items.map((i) => i.sku);

async function rowCount(): Promise<{ wishlists: number; items: number }> {
  const [w] = await p.cart.deps.db.orm.select({ n: count() }).from(wishlists);
  const [i] = await p.cart.deps.db.orm.select({ n: count() }).from(wishlistItems);
  return { wishlists: w?.n ?? 0, items: i?.n ?? 0 };
}

/** The wishlist alerts the cart has enqueued for `sku` (its outbox: what it publishes). */
async function alertsFor(sku: string) {
  const rows = await p.cart.deps.db.orm.select().from(outbox).where(eq(outbox.subject, WishlistAlert.type));
  return rows.map((r) => parseEvent(WishlistAlert, JSON.parse(r.payload)).data).filter((a) => a.sku === sku);
}

describe("guest wishlist, sign-in and merge", () => {
  test("a guest's saved variants merge into the account's wishlist at sign-in, without duplicates", async () => {
    await shop.product("WISH-A", 1500, 4);
    await shop.product("WISH-B", 900, 4);
    await shop.product("WISH-C", 300, 4);
    const guest = cartClient(p);
    const saved = await guest.cart.wishlist.add.mutate({ sku: "WISH-A" });
    expect(saved.cartToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cartToken = saved.cartToken!;
    const asGuest = cartClient(p, undefined, cartToken);
    await asGuest.cart.wishlist.add.mutate({ sku: "WISH-B" });
    const again = await asGuest.cart.wishlist.add.mutate({ sku: "WISH-A" });
    expect(again.cartToken).toBeNull();
    expect(skusOf(again)).toEqual(["WISH-A", "WISH-B"]); // saving twice keeps one
    expect(again.items[0]).toMatchObject({ price: 1500, currency: "EUR", available: 4, forSale: true });
    // The token opens the guest's cart too (empty): the wishlist lives with it.
    expect((await asGuest.cart.get.query()).lines).toEqual([]);

    const token = await signIn(p, "wish-merger");
    const user = cartClient(p, token);
    await user.cart.wishlist.add.mutate({ sku: "WISH-B" });
    await user.cart.wishlist.add.mutate({ sku: "WISH-C" });
    await user.cart.merge.mutate({ cartToken });
    const merged = await user.cart.wishlist.get.query();
    expect(skusOf(merged).sort()).toEqual(["WISH-A", "WISH-B", "WISH-C"]);

    // The guest's token opens nothing any more, and the guest's wishlist rows are gone.
    expect((await rejection(asGuest.cart.wishlist.get.query())).code).toBe("NOT_FOUND");
    const [left] = await p.cart.deps.db.orm
      .select({ n: count() })
      .from(wishlists)
      .where(eq(wishlists.userId, "wish-merger"));
    expect(left?.n).toBe(1);
  });

  test("remove takes one item off; an item not on the list is a 404 naming sku", async () => {
    await shop.product("WISH-RM", 500, 2);
    const user = cartClient(p, await signIn(p, "wish-remover"));
    await user.cart.wishlist.add.mutate({ sku: "WISH-RM" });
    expect(skusOf(await user.cart.wishlist.remove.mutate({ sku: "WISH-RM" }))).toEqual([]);
    expect(await refusal(user.cart.wishlist.remove.mutate({ sku: "WISH-RM" }))).toMatchObject({
      code: "NOT_FOUND",
      field: "sku",
    });
  });

  test("bad input is a 400 naming the field, and writes nothing", async () => {
    const before = await rowCount();
    const guest = cartClient(p);
    expect(await refusal(guest.cart.wishlist.add.mutate({ sku: "" }))).toMatchObject({ code: "BAD_REQUEST" });
    expect((await refusal(guest.cart.wishlist.add.mutate({ sku: "" }))).message).toContain("sku");
    expect(await refusal(guest.cart.wishlist.add.mutate({ sku: "NO-SUCH-WISH" }))).toMatchObject({
      code: "NOT_FOUND",
      field: "sku",
    });
    expect(
      await refusal(cartClient(p, undefined, "not-a-token").cart.wishlist.add.mutate({ sku: "WISH-A" })),
    ).toMatchObject({ code: "NOT_FOUND", field: "cartToken" });
    const user = cartClient(p, await signIn(p, "wish-bad-input"));
    const name = await refusal(user.cart.wishlist.share.mutate({ shareName: "Ann <b>" }));
    expect(name.code).toBe("BAD_REQUEST");
    expect(name.message).toContain("shareName");
    expect(await rowCount()).toEqual(before);
  });
});

describe("move to cart", () => {
  test("one call puts the item in the cart and takes it off the wishlist; a refusal leaves it saved", async () => {
    await shop.product("WISH-MOVE", 1200, 3);
    await shop.product("WISH-SOLDOUT", 800, 1);
    const user = cartClient(p, await signIn(p, "wish-mover"));
    await user.cart.wishlist.add.mutate({ sku: "WISH-MOVE" });
    await user.cart.wishlist.add.mutate({ sku: "WISH-SOLDOUT" });
    const moved = await user.cart.wishlist.moveToCart.mutate({ sku: "WISH-MOVE", quantity: 2 });
    expect(moved.cart.lines.map((l) => [l.sku, l.quantity])).toEqual([["WISH-MOVE", 2]]);
    expect(skusOf(moved.wishlist)).toEqual(["WISH-SOLDOUT"]);

    await shop.setAvailable("WISH-SOLDOUT", 0);
    const refused = await refusal(user.cart.wishlist.moveToCart.mutate({ sku: "WISH-SOLDOUT" }));
    expect(refused.field).toBe("quantity");
    expect(skusOf(await user.cart.wishlist.get.query())).toEqual(["WISH-SOLDOUT"]);
    expect((await user.cart.get.query()).lines.map((l) => l.sku)).toEqual(["WISH-MOVE"]);
    expect(await refusal(user.cart.wishlist.moveToCart.mutate({ sku: "WISH-A" }))).toMatchObject({
      code: "NOT_FOUND",
      field: "sku",
    });
  });

  test("a guest moves a saved item into the cart their token opens", async () => {
    await shop.product("WISH-GMOVE", 400, 2);
    const { cartToken } = await cartClient(p).cart.wishlist.add.mutate({ sku: "WISH-GMOVE" });
    const guest = cartClient(p, undefined, cartToken!);
    const moved = await guest.cart.wishlist.moveToCart.mutate({ sku: "WISH-GMOVE" });
    expect(moved.cart.lines.map((l) => [l.sku, l.quantity])).toEqual([["WISH-GMOVE", 1]]);
    expect(moved.wishlist.items).toEqual([]);
  });
});

describe("share link", () => {
  test("a read-only link shows the first name and the items, nothing else; revoking closes it", async () => {
    await shop.product("WISH-SHARE", 2500, 5);
    const owner = cartClient(p, await signIn(p, "wish-sharer"));
    await owner.cart.wishlist.add.mutate({ sku: "WISH-SHARE" });
    const { shareToken, wishlist } = await owner.cart.wishlist.share.mutate({ shareName: "Ada" });
    expect(shareToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(wishlist).toMatchObject({ shared: true, shareName: "Ada" });

    const visitor = cartClient(p);
    const seen = await visitor.cart.wishlist.shared.query({ shareToken });
    expect(seen.shareName).toBe("Ada");
    expect(seen.items.map((i) => [i.sku, i.price])).toEqual([["WISH-SHARE", 2500]]);
    expect(JSON.stringify(seen)).not.toContain("wish-sharer"); // neither the user id nor the email
    // In the visitor's currency: this product has no GBP price.
    const inGbp = await visitor.cart.wishlist.shared.query({ shareToken, currency: "GBP" });
    expect(inGbp.items.map((i) => [i.currency, i.price])).toEqual([["GBP", null]]);

    // Read-only: the share token opens no cart or wishlist to change.
    expect(
      await refusal(cartClient(p, undefined, shareToken).cart.wishlist.remove.mutate({ sku: "WISH-SHARE" })),
    ).toMatchObject({ code: "NOT_FOUND", field: "cartToken" });
    expect(skusOf(await owner.cart.wishlist.get.query())).toEqual(["WISH-SHARE"]);

    // A new link replaces the old one; revoking closes the new one.
    const second = await owner.cart.wishlist.share.mutate({ shareName: "Ada" });
    expect(await refusal(visitor.cart.wishlist.shared.query({ shareToken }))).toMatchObject({
      code: "NOT_FOUND",
      field: "shareToken",
    });
    expect((await visitor.cart.wishlist.shared.query({ shareToken: second.shareToken })).items).toHaveLength(1);
    expect(await owner.cart.wishlist.unshare.mutate()).toMatchObject({ shared: false, shareName: null });
    expect((await refusal(visitor.cart.wishlist.shared.query({ shareToken: second.shareToken }))).code).toBe(
      "NOT_FOUND",
    );
    // A malformed token is a 400 naming it.
    expect((await refusal(visitor.cart.wishlist.shared.query({ shareToken: "short" }))).message).toContain(
      "shareToken",
    );
  });

  test("sharing needs an account", async () => {
    expect((await rejection(cartClient(p).cart.wishlist.share.mutate({ shareName: "Eve" }))).code).toBe("UNAUTHORIZED");
  });
});

describe("ownership", () => {
  test("another shopper can neither read nor change my wishlist", async () => {
    await shop.product("WISH-MINE", 700, 3);
    const mine = cartClient(p, await signIn(p, "wish-owner"));
    await mine.cart.wishlist.add.mutate({ sku: "WISH-MINE" });
    const other = cartClient(p, await signIn(p, "wish-intruder"));
    expect((await other.cart.wishlist.get.query()).items).toEqual([]);
    expect((await refusal(other.cart.wishlist.remove.mutate({ sku: "WISH-MINE" }))).code).toBe("NOT_FOUND");
    expect((await refusal(other.cart.wishlist.moveToCart.mutate({ sku: "WISH-MINE" }))).code).toBe("NOT_FOUND");
    // A guest's token is ignored for a signed-in shopper, so a stolen guest token changes nothing either.
    const { cartToken } = await cartClient(p).cart.wishlist.add.mutate({ sku: "WISH-MINE" });
    const withToken = cartClient(p, await signIn(p, "wish-intruder"), cartToken!);
    expect((await withToken.cart.wishlist.get.query()).items).toEqual([]);
    expect(skusOf(await mine.cart.wishlist.get.query())).toEqual(["WISH-MINE"]);
    expect(skusOf(await cartClient(p, undefined, cartToken!).cart.wishlist.get.query())).toEqual(["WISH-MINE"]);
  });
});

describe("alerts", () => {
  async function watched(sku: string) {
    const [row] = await p.cart.deps.db.orm.select().from(wishlistWatch).where(eq(wishlistWatch.sku, sku));
    return row;
  }

  test("a wished variant back in stock is one alert per wisher per transition, also under redelivery", async () => {
    await shop.product("WISH-RESTOCK", 1800, 1);
    await shop.setAvailable("WISH-RESTOCK", 0);
    await cartClient(p, await signIn(p, "wish-alice")).cart.wishlist.add.mutate({ sku: "WISH-RESTOCK" });
    // A guest has nobody to write to: no alert for them.
    await cartClient(p).cart.wishlist.add.mutate({ sku: "WISH-RESTOCK" });

    await shop.setAvailable("WISH-RESTOCK", 3);
    const first = await eventually(async () => {
      const found = await alertsFor("WISH-RESTOCK");
      return found.length > 0 ? found : null;
    });
    expect(first).toEqual([
      {
        userId: "wish-alice",
        email: "wish-alice@example.com",
        kind: "back_in_stock",
        sku: "WISH-RESTOCK",
        productSlug: expect.any(String),
        title: "Product WISH-RESTOCK",
        available: 3,
        price: 1800,
        previousPrice: null,
        currency: "EUR",
      },
    ]);

    // More stock while in stock is no transition.
    await shop.setAvailable("WISH-RESTOCK", 5);
    await eventually(async () => ((await watched("WISH-RESTOCK"))?.available === 5 ? true : null));
    expect(await alertsFor("WISH-RESTOCK")).toHaveLength(1);

    // Sold out, then back: a second transition, handled twice (a redelivery) — one more alert.
    const stock = (available: number) =>
      createEvent(StockChanged, { sku: "WISH-RESTOCK", onHand: available, reserved: 0, available });
    await onStockChanged(p.cart.deps, stock(0));
    const back = stock(2);
    await onStockChanged(p.cart.deps, back);
    await onStockChanged(p.cart.deps, back);
    expect((await alertsFor("WISH-RESTOCK")).map((a) => a.available)).toEqual([3, 2]);
  });

  test("a price drop alerts the wisher once; a rise or the same price again does not", async () => {
    const product = await shop.product("WISH-SALE", 2000, 4);
    await cartClient(p, await signIn(p, "wish-bargain")).cart.wishlist.add.mutate({ sku: "WISH-SALE" });
    await shop.setPrice(product.productId, "WISH-SALE", 1500);
    const [drop] = await eventually(async () => {
      const found = await alertsFor("WISH-SALE");
      return found.length > 0 ? found : null;
    });
    expect(drop).toMatchObject({
      userId: "wish-bargain",
      kind: "price_drop",
      price: 1500,
      previousPrice: 2000,
      currency: "EUR",
      available: 4,
    });
    await shop.setPrice(product.productId, "WISH-SALE", 1700);
    await eventually(async () => ((await watched("WISH-SALE"))?.prices.EUR === 1700 ? true : null));
    expect(await alertsFor("WISH-SALE")).toHaveLength(1);
  });
});

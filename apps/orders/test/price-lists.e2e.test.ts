import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { CART_TOKEN_HEADER } from "@mercato/cart/contract";
import { ORDER_TOKEN_HEADER } from "../src/contract.ts";
import { checkoutInput, eventually, freshSkus, guestCart, type Platform, startPlatform } from "./platform.ts";

/**
 * Price lists end to end (#27): identity, catalog, inventory, cart, payments and orders as their
 * own processes. A sale that starts and ends while a guest's cart is open re-prices it on the next
 * read; an order placed during a sale records the list on its line; a wholesale group member pays
 * the group price at checkout while another customer pays the list price.
 */

let p: Platform;
let nextSku: Awaited<ReturnType<typeof freshSkus>>;

beforeAll(async () => {
  p = await startPlatform();
  nextSku = await freshSkus(p, 6);
}, 180_000);
afterAll(() => p?.dispose());

const catalogAdmin = () => p.admin.catalog.catalog.admin;

async function regularEur(sku: string): Promise<number> {
  const [row] = await p.shop.catalog.catalog.products.bySkus.query({ skus: [sku] });
  const eur = row?.prices.find((x) => x.currency === "EUR")?.amount;
  if (eur === undefined) throw new Error(`${sku} has no EUR price`);
  return eur;
}

const guestLine = async (cartToken: string, sku: string) => {
  const view = await p.shop.cart(undefined, { [CART_TOKEN_HEADER]: cartToken }).cart.get.query();
  const line = view.lines.find((l) => l.sku === sku);
  if (!line) throw new Error(`${sku} is not in the cart`);
  return { line, view };
};

describe("price lists across the platform", () => {
  test("a sale that starts and ends while a cart is open re-prices it on the next read", async () => {
    const sku = await nextSku(20);
    const regular = await regularEur(sku);
    const salePrice = Math.floor(regular / 2);
    const cartToken = await guestCart(p, [{ sku, quantity: 2 }], "eu");
    expect((await guestLine(cartToken, sku)).line).toMatchObject({ price: regular, priceList: null });

    // A window a few seconds long, starting a moment from now.
    const now = Date.now();
    const sale = await catalogAdmin().priceLists.save.mutate({
      name: `Flash ${sku}`,
      kind: "sale",
      startsAt: new Date(now + 1_500),
      endsAt: new Date(now + 5_000),
      prices: [{ sku, currency: "EUR", amount: salePrice }],
    });

    const during = await eventually(async () => {
      const { line, view } = await guestLine(cartToken, sku);
      return line.priceList ? { line, view } : undefined;
    }, 10_000);
    expect(during.line).toMatchObject({
      price: salePrice,
      priceWhenAdded: regular,
      priceChanged: true,
      priceList: { id: sale.id, name: `Flash ${sku}` },
    });
    expect(during.view.totals.subtotal).toBe(salePrice * 2);

    const after = await eventually(async () => {
      const { line, view } = await guestLine(cartToken, sku);
      return line.priceList === null ? { line, view } : undefined;
    }, 15_000);
    expect(after.line).toMatchObject({ price: regular, priceChanged: false });
    expect(after.view.totals.subtotal).toBe(regular * 2);
    await catalogAdmin().priceLists.delete.mutate({ id: sale.id });
  }, 60_000);

  test("an order placed during a sale records the price list on its line; a line not on sale records none", async () => {
    const [onSale, notOnSale] = [await nextSku(20), await nextSku(20)];
    const regular = await regularEur(onSale);
    const other = await regularEur(notOnSale);
    const sale = await catalogAdmin().priceLists.save.mutate({
      name: `Summer ${onSale}`,
      kind: "sale",
      startsAt: new Date(Date.now() - 1_000),
      endsAt: new Date(Date.now() + 600_000),
      percentOffBps: 2_500,
      targets: [
        { kind: "product", id: (await p.shop.catalog.catalog.products.bySkus.query({ skus: [onSale] }))[0]!.productId },
      ],
    });
    const cartToken = await guestCart(
      p,
      [
        { sku: onSale, quantity: 1 },
        { sku: notOnSale, quantity: 1 },
      ],
      "eu",
    );
    const placed = await p.shop.orders().orders.checkout.mutate(checkoutInput("sale-e2e@example.com", cartToken));
    const order = await p.shop
      .orders(undefined, { [ORDER_TOKEN_HEADER]: `${placed.orderId}=${placed.accessToken}` })
      .orders.byId.query({ orderId: placed.orderId });
    // 25 % off, rounded half-even to the cent.
    const quarter = Math.floor(regular / 4);
    const rest = regular % 4;
    const off = rest < 2 ? quarter : rest > 2 ? quarter + 1 : quarter % 2 === 0 ? quarter : quarter + 1;
    const expected = regular - off;
    expect(order.lines.find((l) => l.sku === onSale)).toMatchObject({
      unitPrice: expected,
      priceList: { id: sale.id, name: `Summer ${onSale}` },
    });
    expect(order.lines.find((l) => l.sku === notOnSale)).toMatchObject({ unitPrice: other, priceList: null });
    expect(order.totals.subtotal).toBe(expected + other);
    // The admin's detail shows the same lines.
    const adminView = await p.admin.orders.orders.admin.byId.query({ orderId: placed.orderId });
    expect(adminView.order.lines.find((l) => l.sku === onSale)?.priceList?.name).toBe(`Summer ${onSale}`);
    await catalogAdmin().priceLists.delete.mutate({ id: sale.id });
  }, 60_000);

  test("a wholesale member pays the group price at checkout; a customer outside the group pays the list price", async () => {
    const sku = await nextSku(20);
    const regular = await regularEur(sku);
    const groupPrice = Math.floor(regular * 0.7);
    const groupId = `wholesale-${crypto.randomUUID().slice(0, 8)}`;
    await p.admin.identity.identity.admin.groups.save.mutate({ id: groupId, name: "Wholesale (e2e)" });
    const list = await catalogAdmin().priceLists.save.mutate({
      name: `Wholesale ${sku}`,
      kind: "group",
      groupId,
      prices: [{ sku, currency: "EUR", amount: groupPrice }],
    });

    const password = `pw-${crypto.randomUUID()}`;
    const memberEmail = `member-${crypto.randomUUID()}@example.com`;
    await p.signUpWith(memberEmail, password);
    await p.admin.identity.identity.admin.groups.addMember.mutate({ groupId, email: memberEmail });
    // Joining revoked the member's tokens: a new sign-in's token carries the group.
    const member = await p.signIn(memberEmail, password);
    const outsider = await p.signUp();

    const buy = async (who: typeof member) => {
      const cart = p.shop.cart(who.getToken).cart;
      const view = await cart.addItem.mutate({ sku, quantity: 3, regionId: "eu" });
      const placed = await p.shop.orders(who.getToken).orders.checkout.mutate(checkoutInput(who.email));
      const order = await p.shop.orders(who.getToken).orders.byId.query({ orderId: placed.orderId });
      return { cartLine: view.lines.find((l) => l.sku === sku), line: order.lines.find((l) => l.sku === sku), order };
    };
    const asMember = await buy(member);
    expect(asMember.cartLine).toMatchObject({ price: groupPrice, priceList: { id: list.id } });
    expect(asMember.line).toMatchObject({
      unitPrice: groupPrice,
      priceList: { id: list.id, name: `Wholesale ${sku}` },
    });
    expect(asMember.order.totals.subtotal).toBe(groupPrice * 3);

    const asOutsider = await buy(outsider);
    expect(asOutsider.cartLine).toMatchObject({ price: regular, priceList: null });
    expect(asOutsider.line).toMatchObject({ unitPrice: regular, priceList: null });
    expect(asOutsider.order.totals.subtotal).toBe(regular * 3);

    // A guest never gets the group's price either.
    const guestToken = await guestCart(p, [{ sku, quantity: 1 }], "eu");
    expect((await guestLine(guestToken, sku)).line).toMatchObject({ price: regular, priceList: null });
    await catalogAdmin().priceLists.delete.mutate({ id: list.id });
  }, 60_000);
});

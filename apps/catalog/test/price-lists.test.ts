/**
 * Price lists in the catalog (#27): the admin saves sales and group lists, the product page,
 * listings and bySkus answer the effective price, public caches end at the next boundary, and the
 * admin procedures refuse who may not change prices.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { clientFor as serviceClient } from "@mercato/testing";
import type { CatalogRouter } from "../src/index.ts";
import { clientFor, failure, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;
let cart: ReturnType<typeof serviceClient<CatalogRouter>>;

const SKU = "PL-TEST-LAMP";
const GROUP = "wholesale-pl-test";

beforeAll(async () => {
  h = await startCatalog();
  cart = serviceClient<CatalogRouter>(h.catalog.url, { service: "cart" });
  await h.admin.catalog.admin.products.create.mutate({
    title: "Price List Lamp",
    status: "active",
    variants: [
      {
        sku: SKU,
        prices: [
          { currency: "EUR", amount: 10_000 },
          { currency: "GBP", amount: 9_000 },
        ],
      },
    ],
  });
}, 30_000);
afterAll(() => h?.dispose());

const effective = async (group?: string) => {
  const [row] = await cart.catalog.products.bySkus.query({ skus: [SKU], ...(group ? { group } : {}) });
  return row?.effectivePrices.find((p) => p.currency === "EUR");
};

describe("price lists", () => {
  test("a sale applies in its window only: product page, listing and bySkus", async () => {
    const now = Date.now();
    const sale = await h.admin.catalog.admin.priceLists.save.mutate({
      name: "Lamp week",
      kind: "sale",
      startsAt: new Date(now - 60_000),
      endsAt: new Date(now + 3_600_000),
      prices: [{ sku: SKU, currency: "EUR", amount: 7_500 }],
    });
    expect(sale.prices).toEqual([{ sku: SKU, currency: "EUR", amount: 7_500 }]);

    expect(await effective()).toEqual({
      currency: "EUR",
      amount: 7_500,
      regularAmount: 10_000,
      priceList: { id: sale.id, name: "Lamp week" },
    });
    const page = await h.shop.catalog.products.bySlug.query({ slug: "price-list-lamp" });
    expect(page.variants[0]).toMatchObject({ price: 7_500, compareAtPrice: 10_000 });
    expect(page.minPrice).toBe(7_500);
    const gbp = await h.shop.catalog.products.bySlug.query({ slug: "price-list-lamp", currency: "GBP" });
    expect(gbp.variants[0]).toMatchObject({ price: 9_000, compareAtPrice: null });
    const listed = await h.shop.catalog.products.list.query({ q: "Price List Lamp" });
    expect(listed.items.find((p) => p.slug === "price-list-lamp")?.minPrice).toBe(7_500);

    // Moved into the past: over, and the regular price is back at once.
    await h.admin.catalog.admin.priceLists.save.mutate({
      id: sale.id,
      name: "Lamp week",
      kind: "sale",
      startsAt: new Date(now - 120_000),
      endsAt: new Date(now - 60_000),
      prices: [{ sku: SKU, currency: "EUR", amount: 7_500 }],
    });
    expect(await effective()).toMatchObject({ amount: 10_000, priceList: null });
    const after = await h.shop.catalog.products.bySlug.query({ slug: "price-list-lamp" });
    expect(after.variants[0]).toMatchObject({ price: 10_000, compareAtPrice: null });
    await h.admin.catalog.admin.priceLists.delete.mutate({ id: sale.id });
  });

  test("a public answer's cache ends at the next sale boundary", async () => {
    const res = () =>
      fetch(
        `${h.catalog.url}/trpc/catalog.products.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug: "price-list-lamp" } }))}`,
      );
    expect((await res()).headers.get("cache-control")).toBe("public, max-age=15, stale-while-revalidate=60");
    const soon = await h.admin.catalog.admin.priceLists.save.mutate({
      name: "Starts in a moment",
      kind: "sale",
      startsAt: new Date(Date.now() + 8_000),
      endsAt: new Date(Date.now() + 3_600_000),
      percentOffBps: 1_000,
      targets: [{ kind: "product", id: (await h.shop.catalog.products.bySlug.query({ slug: "price-list-lamp" })).id }],
    });
    // The storefront's server keys its cached reads by the last boundary passed (apps/web price-epoch.ts).
    expect((await h.shop.catalog.products.priceBoundaries.query()).map((d) => d.getTime())).toContain(
      soon.startsAt?.getTime() ?? Number.NaN,
    );
    const keyed = await fetch(
      `${h.catalog.url}/trpc/catalog.products.bySlug?input=${encodeURIComponent(JSON.stringify({ json: { slug: "price-list-lamp" } }))}&pe=123`,
    );
    expect(keyed.status).toBe(200);
    const capped = (await res()).headers.get("cache-control") ?? "";
    const maxAge = Number(/max-age=(\d+)/.exec(capped)?.[1]);
    expect(maxAge).toBeLessThanOrEqual(8);
    expect(capped).not.toContain("stale-while-revalidate");
    await h.admin.catalog.admin.priceLists.delete.mutate({ id: soon.id });
  });

  test("a percentage off a product, rounded to the cent; a group's list for its members only", async () => {
    const product = await h.shop.catalog.products.bySlug.query({ slug: "price-list-lamp" });
    const group = await h.admin.catalog.admin.priceLists.save.mutate({
      name: "Wholesale",
      kind: "group",
      groupId: GROUP,
      percentOffBps: 3_333,
      targets: [{ kind: "product", id: product.id }],
    });
    // 10 000 × 33.33 % = 3 333 off.
    expect(await effective(GROUP)).toMatchObject({ amount: 6_667, priceList: { id: group.id } });
    expect(await effective()).toMatchObject({ amount: 10_000, priceList: null });
    // The public never gets a group's prices, on any page.
    const page = await h.shop.catalog.products.bySlug.query({ slug: "price-list-lamp" });
    expect(page.variants[0]?.price).toBe(10_000);
    const refused = await failure(h.shop.catalog.products.bySkus.query({ skus: [SKU], group: GROUP }));
    expect(refused.data?.code).toBe("FORBIDDEN");
    expect((refused.data as { field?: string }).field).toBe("group");
    await h.admin.catalog.admin.priceLists.delete.mutate({ id: group.id });
  });

  test("bad input is a 400 naming the field, and writes nothing", async () => {
    const before = (await h.admin.catalog.admin.priceLists.list.query()).length;
    const cases: [Parameters<typeof h.admin.catalog.admin.priceLists.save.mutate>[0], string][] = [
      [
        { name: "No end", kind: "sale", startsAt: new Date(), prices: [{ sku: SKU, currency: "EUR", amount: 1 }] },
        "endsAt",
      ],
      [
        {
          name: "Backwards",
          kind: "sale",
          startsAt: new Date(Date.now() + 10_000),
          endsAt: new Date(),
          prices: [{ sku: SKU, currency: "EUR", amount: 1 }],
        },
        "endsAt",
      ],
      [{ name: "No group", kind: "group", prices: [{ sku: SKU, currency: "EUR", amount: 1 }] }, "groupId"],
      [{ name: "Empty", kind: "group", groupId: GROUP }, "prices"],
      [
        {
          name: "Unknown",
          kind: "group",
          groupId: GROUP,
          prices: [{ sku: "NO-SUCH-SKU", currency: "EUR", amount: 1 }],
        },
        "prices.0.sku",
      ],
      [
        { name: "Negative", kind: "group", groupId: GROUP, prices: [{ sku: SKU, currency: "EUR", amount: -1 }] },
        "prices.0.amount",
      ],
      [{ name: "No selection", kind: "group", groupId: GROUP, percentOffBps: 500 }, "targets"],
    ];
    for (const [input, field] of cases) {
      const err = await failure(h.admin.catalog.admin.priceLists.save.mutate(input));
      expect(err.data?.code).toBe("BAD_REQUEST");
      expect((err.data as { field?: string }).field).toBe(field);
    }
    expect((await h.admin.catalog.admin.priceLists.list.query()).length).toBe(before);
  });

  test("only staff who may change discounts manage price lists", async () => {
    const editor = (await h.issuer.sign({
      sub: "editor-1",
      email: "editor@example.com",
      role: "catalog_editor",
    })) as string;
    for (const client of [h.shop, h.customer, clientFor(h.catalog.url, editor)]) {
      const list = await failure(client.catalog.admin.priceLists.list.query());
      expect(["UNAUTHORIZED", "FORBIDDEN"]).toContain(list.data?.code ?? "");
      const save = await failure(
        client.catalog.admin.priceLists.save.mutate({
          name: "Sneaky",
          kind: "group",
          groupId: GROUP,
          prices: [{ sku: SKU, currency: "EUR", amount: 1 }],
        }),
      );
      expect(["UNAUTHORIZED", "FORBIDDEN"]).toContain(save.data?.code ?? "");
    }
    expect((await h.admin.catalog.admin.priceLists.list.query()).some((l) => l.name === "Sneaky")).toBe(false);
  });
});

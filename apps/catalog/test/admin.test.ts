import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { count, sql } from "drizzle-orm";
import { outbox, products } from "../src/db/schema.ts";
import { seedDemo } from "../src/db/seed.ts";
import { DEMO_PRODUCTS } from "../src/db/seed-data.ts";
import { eventually, failure, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;

beforeAll(async () => {
  h = await startCatalog();
}, 30_000);
afterAll(() => h?.dispose());

const variant = (sku: string, price = 2500) => ({ sku, price, options: { size: "M" } });

/** The last event of a type on the CATALOG stream, once it is about `productId`. */
function publishedEvent(type: string, productId: string) {
  return eventually(async () => {
    const msg = await h.catalog.deps.bus.jsm.streams.getMessage("CATALOG", { last_by_subj: type }).catch(() => null);
    const event = msg?.json<{ type: string; key: string; data: { productId: string; status: string; slug: string } }>();
    return event?.data.productId === productId ? event : undefined;
  });
}

/** Rows in products and outbox: a refused change must leave both as they were. */
async function writes() {
  const db = h.catalog.deps.db.orm;
  const [[p], [o]] = await Promise.all([
    db.select({ n: count() }).from(products),
    db.select({ n: count() }).from(outbox),
  ]);
  return { products: p!.n, outbox: o!.n };
}

describe("admin products", () => {
  test("create publishes catalog.product.created; drafts stay invisible to the public", async () => {
    const created = await h.admin.catalog.admin.products.create.mutate({
      title: "Test Draft Parka",
      brand: "Testbrand",
      categoryIds: ["cat-jackets"],
      variants: [variant("TDP-M"), variant("TDP-L", 2700)],
    });
    expect(created.slug).toBe("test-draft-parka");
    expect(created.status).toBe("draft");
    const event = await publishedEvent("catalog.product.created.v1", created.productId);
    expect(event.key).toBe(created.productId);
    expect(event.data.slug).toBe("test-draft-parka");

    const hidden = await failure(h.shop.catalog.products.bySlug.query({ slug: "test-draft-parka" }));
    expect(hidden.data?.code).toBe("NOT_FOUND");
    // Only the draft says "parka": the shop's answer never holds it (the forgiving search may offer
    // near spellings of the word instead, #25, but those are other, active products).
    const search = await h.shop.catalog.products.list.query({ q: "parka" });
    expect(search.items.map((p) => p.slug)).not.toContain("test-draft-parka");
    const asAdmin = await h.admin.catalog.admin.products.list.query({ status: "draft", q: "parka" });
    expect(asAdmin.items.map((p) => p.slug)).toEqual(["test-draft-parka"]);
    expect((await h.admin.catalog.admin.products.byId.query({ id: created.productId })).minPrice).toBe(2500);
  });

  test("equal titles get unique slugs -2, -3", async () => {
    const slugs: string[] = [];
    for (const n of [1, 2, 3]) {
      const p = await h.admin.catalog.admin.products.create.mutate({
        title: "Twin Sock",
        variants: [variant(`TWIN-${n}`)],
      });
      slugs.push(p.slug);
    }
    expect(slugs).toEqual(["twin-sock", "twin-sock-2", "twin-sock-3"]);
  });

  test("update and activate publishes catalog.product.updated and makes it public and searchable", async () => {
    const p = await h.admin.catalog.admin.products.create.mutate({ title: "Rain Poncho", variants: [variant("RP-1")] });
    const updated = await h.admin.catalog.admin.products.update.mutate({
      id: p.productId,
      status: "active",
      title: "Festival Rain Poncho",
      variants: [variant("RP-1", 1500), variant("RP-2", 1900)],
    });
    expect(updated.variants.map((v) => v.sku)).toEqual(["RP-1", "RP-2"]);
    const event = await publishedEvent("catalog.product.updated.v1", p.productId);
    expect(event.data.status).toBe("active");
    const page = await h.shop.catalog.products.bySlug.query({ slug: "rain-poncho" });
    expect(page.title).toBe("Festival Rain Poncho");
    expect(page.minPrice).toBe(1500);
    const found = await h.shop.catalog.products.list.query({ q: "festival" });
    expect(found.items.map((x) => x.slug)).toEqual(["rain-poncho"]);
    const bySku = await h.shop.catalog.products.list.query({ q: "RP-2" });
    expect(bySku.items.map((x) => x.slug)).toEqual(["rain-poncho"]);
  });

  test("archive hides a product and publishes catalog.product.archived; restore brings it back as a draft", async () => {
    const target = await h.shop.catalog.products.bySlug.query({ slug: DEMO_PRODUCTS[5]!.slug });
    const archived = await h.admin.catalog.admin.products.archive.mutate({ id: target.id });
    expect(archived.status).toBe("archived");
    const event = await publishedEvent("catalog.product.archived.v1", target.id);
    expect(event.data.status).toBe("archived");
    expect((await failure(h.shop.catalog.products.bySlug.query({ slug: target.slug }))).data?.code).toBe("NOT_FOUND");
    const listed = await h.shop.catalog.products.list.query({ limit: 100 });
    expect(listed.items.map((p) => p.id)).not.toContain(target.id);
    // The admin still sees it, privately.
    const asAdmin = await h.admin.catalog.products.bySlug.query({ slug: target.slug });
    expect(asAdmin.status).toBe("archived");
    const raw = await fetch(
      `${h.catalog.url}/trpc/catalog.admin.products.byId?input=${encodeURIComponent(JSON.stringify({ json: { id: target.id } }))}`,
      { headers: { authorization: `Bearer ${await h.issuer.sign({ sub: "a", email: "a@x", role: "admin" })}` } },
    );
    expect(raw.headers.get("cache-control")).toBe("private, no-store");

    const restored = await h.admin.catalog.admin.products.restore.mutate({ id: target.id });
    expect(restored.status).toBe("draft");
  });

  test("customers and anonymous callers cannot use the admin API", async () => {
    expect((await failure(h.customer.catalog.admin.products.list.query({}))).data?.code).toBe("FORBIDDEN");
    expect((await failure(h.shop.catalog.admin.categories.create.mutate({ name: "X" }))).data?.code).toBe(
      "UNAUTHORIZED",
    );
  });

  test("bad product input is a 4xx naming the field and writes nothing", async () => {
    const before = await writes();
    // Thunks, so each call starts only when awaited (a rejection is never left unhandled).
    const cases: [() => Promise<unknown>, string, string][] = [
      [
        () => h.admin.catalog.admin.products.create.mutate({ title: "Neg", variants: [variant("NEG-1", -1)] }),
        "BAD_REQUEST",
        "variants.0.price",
      ],
      [
        () => h.admin.catalog.admin.products.create.mutate({ title: "  ", variants: [variant("EMPTY-1")] }),
        "BAD_REQUEST",
        "title",
      ],
      [
        () => h.admin.catalog.admin.products.create.mutate({ title: "No variants", variants: [] }),
        "BAD_REQUEST",
        "variants",
      ],
      [
        () =>
          h.admin.catalog.admin.products.create.mutate({
            title: "Dup",
            variants: [variant("DUP-1"), variant("DUP-1")],
          }),
        "CONFLICT",
        "variants.1.sku",
      ],
      [
        () =>
          h.admin.catalog.admin.products.create.mutate({
            title: "Taken",
            variants: [variant("NEW-1"), variant("TDP-M")],
          }),
        "CONFLICT",
        "variants.1.sku",
      ],
      [
        () =>
          h.admin.catalog.admin.products.create.mutate({
            title: "Cat",
            categoryIds: ["nope"],
            variants: [variant("CAT-1")],
          }),
        "BAD_REQUEST",
        "categoryIds.0",
      ],
      [() => h.admin.catalog.admin.products.update.mutate({ id: "missing", title: "X" }), "NOT_FOUND", "id"],
    ];
    for (const [call, code, field] of cases) {
      const err = await failure(call());
      expect({ code: err.data?.code as string, field: err.message.includes(field) }).toEqual({ code, field: true });
    }
    expect(await writes()).toEqual(before);
  });

  test("seeding again adds nothing", async () => {
    expect(await seedDemo(h.catalog.deps.db)).toBe(0);
  });
});

describe("admin categories", () => {
  test("create, rename, move, and the tree and listings follow", async () => {
    const outer = await h.admin.catalog.admin.categories.create.mutate({ name: "Outdoor", position: 9 });
    const camping = await h.admin.catalog.admin.categories.create.mutate({ name: "Camping", parentId: outer.id });
    expect(camping.slug).toBe("camping");
    await h.admin.catalog.admin.categories.rename.mutate({ id: camping.id, name: "Camping Gear" });
    const tent = await h.admin.catalog.admin.products.create.mutate({
      title: "Two Person Tent",
      status: "active",
      categoryIds: [camping.id],
      variants: [variant("TENT-2", 19900)],
    });
    expect((await h.shop.catalog.products.list.query({ category: "outdoor" })).items.map((p) => p.id)).toEqual([
      tent.productId,
    ]);
    // Moving "Outdoor" under Accessories puts the tent in Accessories' listing too.
    await h.admin.catalog.admin.categories.move.mutate({ id: outer.id, parentId: "cat-accessories" });
    const accessories = await h.shop.catalog.products.list.query({ category: "accessories", limit: 100 });
    expect(accessories.items.map((p) => p.id)).toContain(tent.productId);
    const tree = await h.shop.catalog.categories.tree.query();
    const acc = tree.find((c) => c.slug === "accessories")!;
    expect(acc.children.find((c) => c.slug === "outdoor")?.children.map((c) => c.name)).toEqual(["Camping Gear"]);
  });

  test("a move that would make a cycle is refused naming parentId and changes nothing", async () => {
    const treeBefore = await h.shop.catalog.categories.tree.query();
    for (const parentId of ["cat-t-shirts", "cat-clothing"]) {
      const err = await failure(h.admin.catalog.admin.categories.move.mutate({ id: "cat-clothing", parentId }));
      expect(err.data?.code).toBe("BAD_REQUEST");
      expect(err.message).toStartWith("parentId");
    }
    expect(await h.shop.catalog.categories.tree.query()).toEqual(treeBefore);
  });

  test("delete refuses a category with products or subcategories, and deletes an empty one", async () => {
    const withProducts = await failure(h.admin.catalog.admin.categories.delete.mutate({ id: "cat-shirts" }));
    expect(withProducts.data?.code).toBe("CONFLICT");
    expect(withProducts.message).toContain("products");
    const withChildren = await failure(h.admin.catalog.admin.categories.delete.mutate({ id: "cat-clothing" }));
    expect(withChildren.data?.code).toBe("CONFLICT");
    expect(withChildren.message).toContain("subcategories");
    const empty = await h.admin.catalog.admin.categories.create.mutate({ name: "Empty Shelf" });
    await h.admin.catalog.admin.categories.delete.mutate({ id: empty.id });
    const tree = await h.shop.catalog.categories.tree.query();
    expect(tree.map((c) => c.slug)).not.toContain("empty-shelf");
  });
});

describe("listing rows", () => {
  test("after every write above, each product's listing rows agree with it and with its price sets", async () => {
    // Every product with a price has one row per currency it is priced in, at its lowest price there,
    // with the product's own status, brand, in-stock flag, category set and creation date.
    const stale = await h.catalog.deps.db.orm.all<{ id: string }>(sql`
      SELECT p.id AS id FROM products p JOIN product_prices l ON l.product_id = p.id
      WHERE l.status IS NOT p.status OR l.brand IS NOT p.brand OR l.in_stock IS NOT p.in_stock
         OR l.category_set IS NOT p.category_set OR l.created_at IS NOT p.created_at
         OR l.min_price IS NOT (SELECT min(vp.amount) FROM variant_prices vp JOIN variants v ON v.sku = vp.sku
                                WHERE v.product_id = p.id AND vp.currency = l.currency)`);
    expect(stale).toEqual([]);
    const missing = await h.catalog.deps.db.orm.all<{ n: number }>(sql`
      SELECT count(*) AS n FROM (SELECT DISTINCT v.product_id, vp.currency FROM variant_prices vp
        JOIN variants v ON v.sku = vp.sku) s
      WHERE NOT EXISTS (SELECT 1 FROM product_prices l WHERE l.product_id = s.product_id AND l.currency = s.currency)`);
    expect(Number(missing[0]!.n)).toBe(0);
    const [{ n: rows } = { n: 0 }] = await h.catalog.deps.db.orm.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM product_prices`,
    );
    expect(Number(rows)).toBeGreaterThanOrEqual(3 * 51);
  });
});

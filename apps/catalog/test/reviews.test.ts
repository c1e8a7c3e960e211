/**
 * Reviews and ratings (#27) over the real catalog process (real libSQL, NATS, Redis, JWTs):
 * review → pending → approved → on the product page; one per customer; an edit back to
 * moderation; reject with a reason its author sees; the reported queue; who may moderate; bad
 * ratings refused naming the field; the rating on listings, its facet and its sort.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { clientFor, failure, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;
let moderator: ReturnType<typeof clientFor>;
let editor: ReturnType<typeof clientFor>;

const shopper = async (name: string) =>
  clientFor(
    h.catalog.url,
    await h.issuer.sign({ sub: `shopper-${name}-${crypto.randomUUID()}`, email: `${name}@example.com` }),
  );

/** A new active product of our own, so counts here never depend on another test's data. */
async function product(title: string) {
  const sku = `REV-${crypto.randomUUID().slice(0, 8)}`;
  const made = await h.admin.catalog.admin.products.create.mutate({
    title: `${title} ${crypto.randomUUID().slice(0, 6)}`,
    status: "active",
    brand: "Reviewed Brand",
    variants: [{ sku, price: 1000 }],
  });
  return made.productId;
}

const review = (productId: string, rating: number, title = "Solid") => ({
  productId,
  rating,
  authorName: "Ada",
  title,
  body: "Does what it says.",
});

beforeAll(async () => {
  h = await startCatalog();
  moderator = clientFor(
    h.catalog.url,
    await h.issuer.sign({ sub: "mod-1", email: "mod@example.com", role: "moderator" }),
  );
  editor = clientFor(
    h.catalog.url,
    await h.issuer.sign({ sub: "ed-1", email: "ed@example.com", role: "catalog_editor" }),
  );
}, 60_000);
afterAll(() => h?.dispose());

describe("reviews", () => {
  test("a review waits as pending, shows after approval, and the product's rating follows", async () => {
    const productId = await product("Kettle");
    const ada = await shopper("ada");
    const written = await ada.catalog.reviews.create.mutate(review(productId, 4));
    expect(written.status).toBe("pending");
    expect(written.verified).toBe(false);

    const before = await h.shop.catalog.reviews.forProduct.query({ productId });
    expect(before.items).toEqual([]);
    const pending = await moderator.catalog.reviews.queue.query({ queue: "pending" });
    expect(pending.items.map((r) => r.id)).toContain(written.id);

    await moderator.catalog.reviews.publish.mutate({ reviewId: written.id });
    const after = await h.shop.catalog.reviews.forProduct.query({ productId });
    expect(after.items.map((r) => r.title)).toEqual(["Solid"]);
    expect(after.summary).toEqual({ average: 4, count: 1, histogram: [0, 0, 0, 1, 0] });
    const [listed] = await h.shop.catalog.products.byIds.query({ ids: [productId] });
    expect(listed?.rating).toEqual({ average: 4, count: 1, histogram: [0, 0, 0, 1, 0] });

    await moderator.catalog.reviews.reply.mutate({ reviewId: written.id, reply: "Thanks, Ada!" });
    const replied = await h.shop.catalog.reviews.forProduct.query({ productId });
    expect(replied.items[0]?.reply).toBe("Thanks, Ada!");
  });

  test("one review per product and customer; an edit goes back to moderation", async () => {
    const productId = await product("Teapot");
    const bob = await shopper("bob");
    const first = await bob.catalog.reviews.create.mutate(review(productId, 5));
    const again = await failure(bob.catalog.reviews.create.mutate(review(productId, 3)));
    expect(again.data?.code).toBe("CONFLICT");
    expect(again.data?.field).toBe("productId");

    await moderator.catalog.reviews.publish.mutate({ reviewId: first.id });
    const edited = await bob.catalog.reviews.update.mutate({
      ...review(productId, 2, "Changed my mind"),
      reviewId: first.id,
    });
    expect(edited.status).toBe("pending");
    const page = await h.shop.catalog.reviews.forProduct.query({ productId });
    expect(page.items).toEqual([]);
    expect(page.summary.count).toBe(0);

    const eve = await shopper("eve");
    const notHers = await failure(eve.catalog.reviews.update.mutate({ ...review(productId, 1), reviewId: first.id }));
    expect(notHers.data?.code).toBe("FORBIDDEN");
    expect((await bob.catalog.reviews.mine.query({ productId }))?.title).toBe("Changed my mind");
  });

  test("a rejected review tells its author why and stays off the page", async () => {
    const productId = await product("Mug");
    const cy = await shopper("cy");
    const written = await cy.catalog.reviews.create.mutate(review(productId, 1, "Spam link"));
    await moderator.catalog.reviews.reject.mutate({ reviewId: written.id, reason: "Links to another shop" });
    const mine = await cy.catalog.reviews.mine.query({ productId });
    expect(mine?.status).toBe("rejected");
    expect(mine?.rejectReason).toBe("Links to another shop");
    expect((await h.shop.catalog.reviews.forProduct.query({ productId })).items).toEqual([]);
  });

  test("a reported review joins the reported queue until a moderator decides", async () => {
    const productId = await product("Spoon");
    const dee = await shopper("dee");
    const written = await dee.catalog.reviews.create.mutate(review(productId, 5, "Rude words"));
    await moderator.catalog.reviews.publish.mutate({ reviewId: written.id });
    const reporter = await shopper("reporter");
    await reporter.catalog.reviews.report.mutate({ reviewId: written.id, reason: "offensive" });
    await reporter.catalog.reviews.report.mutate({ reviewId: written.id, reason: "offensive, again" });
    const reported = await moderator.catalog.reviews.queue.query({ queue: "reported" });
    const entry = reported.items.find((r) => r.id === written.id);
    expect(entry?.openReports).toBe(1);
    expect(entry?.reports.map((r) => r.reason)).toEqual(["offensive"]);

    await moderator.catalog.reviews.reject.mutate({ reviewId: written.id, reason: "Offensive language" });
    const later = await moderator.catalog.reviews.queue.query({ queue: "reported" });
    expect(later.items.map((r) => r.id)).not.toContain(written.id);
    expect((await h.shop.catalog.reviews.forProduct.query({ productId })).summary.count).toBe(0);
  });

  test("shoppers and staff without reviews.moderate may not moderate; guests may not write", async () => {
    const productId = await product("Fork");
    const fay = await shopper("fay");
    const written = await fay.catalog.reviews.create.mutate(review(productId, 3));
    for (const caller of [fay, editor]) {
      const approve = await failure(caller.catalog.reviews.publish.mutate({ reviewId: written.id }));
      expect(approve.data?.code).toBe("FORBIDDEN");
      const queue = await failure(caller.catalog.reviews.queue.query({ queue: "pending" }));
      expect(queue.data?.code).toBe("FORBIDDEN");
    }
    const guest = await failure(h.shop.catalog.reviews.create.mutate(review(productId, 3)));
    expect(guest.data?.code).toBe("UNAUTHORIZED");
    expect((await fay.catalog.reviews.mine.query({ productId }))?.status).toBe("pending");
  });

  test("a rating of 0 or 6 is a 400 naming rating, and nothing is written", async () => {
    const productId = await product("Knife");
    const gus = await shopper("gus");
    for (const rating of [0, 6]) {
      const bad = await failure(gus.catalog.reviews.create.mutate(review(productId, rating)));
      expect(bad.data?.code).toBe("BAD_REQUEST");
      expect(bad.data?.field).toBe("rating");
    }
    expect(await gus.catalog.reviews.mine.query({ productId })).toBeNull();
  });

  test("reviews sort newest, highest and lowest, and page without repeats", async () => {
    const productId = await product("Pan");
    const ratings = [3, 5, 1, 4, 2];
    for (const [i, rating] of ratings.entries()) {
      const s = await shopper(`sorter${i}`);
      const r = await s.catalog.reviews.create.mutate(review(productId, rating, `R${rating}`));
      await moderator.catalog.reviews.publish.mutate({ reviewId: r.id });
    }
    const walk = async (sort: "newest" | "highest" | "lowest") => {
      const titles: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await h.shop.catalog.reviews.forProduct.query({ productId, sort, limit: 2, cursor });
        titles.push(...page.items.map((r) => r.title));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return titles;
    };
    expect(await walk("newest")).toEqual(["R2", "R4", "R1", "R5", "R3"]);
    expect(await walk("highest")).toEqual(["R5", "R4", "R3", "R2", "R1"]);
    expect(await walk("lowest")).toEqual(["R1", "R2", "R3", "R4", "R5"]);
    const summary = (await h.shop.catalog.reviews.forProduct.query({ productId })).summary;
    expect(summary).toEqual({ average: 3, count: 5, histogram: [1, 1, 1, 1, 1] });
  });

  test("listings filter on 4★ & up, count it as a facet, and sort by rating", async () => {
    const brand = `Rated ${crypto.randomUUID().slice(0, 6)}`;
    const make = async (title: string, rating: number | null) => {
      const made = await h.admin.catalog.admin.products.create.mutate({
        title: `${title} ${crypto.randomUUID().slice(0, 6)}`,
        status: "active",
        brand,
        variants: [{ sku: `RT-${crypto.randomUUID().slice(0, 8)}`, price: 500 }],
      });
      if (rating !== null) {
        const s = await shopper("rater");
        const r = await s.catalog.reviews.create.mutate(review(made.productId, rating));
        await moderator.catalog.reviews.publish.mutate({ reviewId: r.id });
      }
      return made.productId;
    };
    const great = await make("Great", 5);
    const good = await make("Good", 4);
    const poor = await make("Poor", 2);
    const none = await make("Unreviewed", null);

    const fourUp = await h.shop.catalog.products.list.query({ brands: [brand], minRating: 4 });
    expect(new Set(fourUp.items.map((p) => p.id))).toEqual(new Set([great, good]));
    expect(fourUp.total).toBe(2);
    // The facet leaves its own filter out: what each threshold would give.
    expect(fourUp.facets.ratings).toEqual([
      { min: 4, count: 2 },
      { min: 3, count: 2 },
      { min: 2, count: 3 },
      { min: 1, count: 3 },
    ]);
    const sorted = await h.shop.catalog.products.list.query({ brands: [brand], sort: "rating" });
    expect(sorted.items.map((p) => p.id)).toEqual([great, good, poor, none]);
    expect(sorted.items[0]?.rating).toMatchObject({ average: 5, count: 1 });
  });
});

/**
 * "Helpful" votes on reviews and the "most helpful" sort (#27) over the real catalog service (real
 * libSQL, NATS, Redis, JWTs): vote, a repeat changes nothing, unvote; not on one's own review nor
 * on one not yet approved (4xx naming reviewId); what the viewer voted shows in the list; the
 * helpful sort orders by count then newest and pages through ties without repeats or gaps; an
 * edit of the rating, title or text, or a rejection, clears the votes and the count.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { count, eq } from "drizzle-orm";
import { reviewHelpfulVotes } from "../src/db/schema.ts";
import { clientFor, failure, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;
let moderator: ReturnType<typeof clientFor>;

const shopper = async (name: string) =>
  clientFor(
    h.catalog.url,
    await h.issuer.sign({ sub: `shopper-${name}-${crypto.randomUUID()}`, email: `${name}@example.com` }),
  );

/** A new active product of our own, so counts here never depend on another test's data. */
async function product() {
  const made = await h.admin.catalog.admin.products.create.mutate({
    title: `Helpful ${crypto.randomUUID().slice(0, 6)}`,
    status: "active",
    variants: [{ sku: `HLP-${crypto.randomUUID().slice(0, 8)}`, price: 1000 }],
  });
  return made.productId;
}

/** A review by a new shopper, published unless `publish` is false; with its author's client. */
async function reviewOf(productId: string, title: string, publish = true) {
  const author = await shopper(title);
  const r = await author.catalog.reviews.create.mutate({
    productId,
    rating: 4,
    authorName: "Ada",
    title,
    body: "Useful detail.",
  });
  if (publish) await moderator.catalog.reviews.publish.mutate({ reviewId: r.id });
  return { id: r.id, author };
}

beforeAll(async () => {
  h = await startCatalog();
  moderator = clientFor(
    h.catalog.url,
    await h.issuer.sign({ sub: "mod-1", email: "mod@example.com", role: "moderator" }),
  );
}, 60_000);
afterAll(() => h?.dispose());

describe("helpful votes", () => {
  test("vote, vote again (no change), unvote; the list shows the count and the viewer's vote", async () => {
    const productId = await product();
    const { id } = await reviewOf(productId, "Clear");
    const voter = await shopper("voter");
    const other = await shopper("other");

    expect(await voter.catalog.reviews.helpful.mutate({ reviewId: id, helpful: true })).toEqual({
      reviewId: id,
      helpfulCount: 1,
      votedHelpful: true,
    });
    // The same vote again (a double click, a retry) is not counted twice.
    const again = await voter.catalog.reviews.helpful.mutate({ reviewId: id, helpful: true });
    expect(again.helpfulCount).toBe(1);
    await other.catalog.reviews.helpful.mutate({ reviewId: id, helpful: true });

    const asVoter = await voter.catalog.reviews.forProduct.query({ productId });
    expect(asVoter.items[0]).toMatchObject({ id, helpfulCount: 2, votedHelpful: true });
    const asGuest = await h.shop.catalog.reviews.forProduct.query({ productId });
    expect(asGuest.items[0]).toMatchObject({ id, helpfulCount: 2, votedHelpful: null });
    const asStranger = await (await shopper("stranger")).catalog.reviews.forProduct.query({ productId });
    expect(asStranger.items[0]).toMatchObject({ helpfulCount: 2, votedHelpful: false });

    const off = await voter.catalog.reviews.helpful.mutate({ reviewId: id, helpful: false });
    expect(off).toEqual({ reviewId: id, helpfulCount: 1, votedHelpful: false });
    // Taking back a vote one no longer has changes nothing either.
    expect((await voter.catalog.reviews.helpful.mutate({ reviewId: id, helpful: false })).helpfulCount).toBe(1);
    const after = await voter.catalog.reviews.forProduct.query({ productId });
    expect(after.items[0]).toMatchObject({ helpfulCount: 1, votedHelpful: false });
  });

  test("a signed-in viewer's page is private; a guest's is not marked private", async () => {
    const productId = await product();
    await reviewOf(productId, "Cache");
    const url = `${h.catalog.url}/trpc/catalog.reviews.forProduct?input=${encodeURIComponent(
      JSON.stringify({ json: { productId } }),
    )}`;
    const guest = await fetch(url);
    expect(guest.status).toBe(200);
    expect(guest.headers.get("cache-control") ?? "").not.toContain("private");
    const token = await h.issuer.sign({ sub: `viewer-${crypto.randomUUID()}`, email: "v@example.com" });
    const signedIn = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(signedIn.headers.get("cache-control")).toBe("private, no-store");
  });

  test("not on one's own review, not on an unapproved one, not as a guest; nothing is counted", async () => {
    const productId = await product();
    const mine = await reviewOf(productId, "Own");
    const own = await failure(mine.author.catalog.reviews.helpful.mutate({ reviewId: mine.id, helpful: true }));
    expect(own.data?.code).toBe("FORBIDDEN");
    expect(own.data?.field).toBe("reviewId");

    const pending = await reviewOf(productId, "Pending", false);
    const voter = await shopper("voter");
    const unapproved = await failure(voter.catalog.reviews.helpful.mutate({ reviewId: pending.id, helpful: true }));
    expect(unapproved.data?.code).toBe("NOT_FOUND");
    expect(unapproved.data?.field).toBe("reviewId");

    const guest = await failure(h.shop.catalog.reviews.helpful.mutate({ reviewId: mine.id, helpful: true }));
    expect(guest.data?.code).toBe("UNAUTHORIZED");

    await moderator.catalog.reviews.publish.mutate({ reviewId: pending.id });
    const counts = (await h.shop.catalog.reviews.forProduct.query({ productId })).items.map((r) => r.helpfulCount);
    expect(counts).toEqual([0, 0]);
  });

  test("the helpful sort: most votes first, ties newest first, paged without repeats", async () => {
    const productId = await product();
    const made: string[] = [];
    for (const title of ["R0", "R1", "R2", "R3", "R4"]) made.push((await reviewOf(productId, title)).id);
    const voters = await Promise.all([shopper("v1"), shopper("v2")]);
    // Helpful counts R0: 2, R1: 0, R2: 2, R3: 1, R4: 0.
    const votes: [number, number][] = [
      [0, 0],
      [1, 0],
      [0, 2],
      [1, 2],
      [0, 3],
    ];
    for (const [voter, review] of votes) {
      await voters[voter]!.catalog.reviews.helpful.mutate({ reviewId: made[review]!, helpful: true });
    }
    const walk = async (limit: number) => {
      const titles: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await h.shop.catalog.reviews.forProduct.query({ productId, sort: "helpful", limit, cursor });
        titles.push(...page.items.map((r) => `${r.title}:${r.helpfulCount}`));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      return { titles, pages };
    };
    const expected = ["R2:2", "R0:2", "R3:1", "R4:0", "R1:0"];
    // limit 1 and 2 put a page boundary inside each tie (R2|R0, R4|R1).
    expect(await walk(1)).toEqual({ titles: expected, pages: 5 });
    expect(await walk(2)).toEqual({ titles: expected, pages: 3 });
    expect((await walk(10)).titles).toEqual(expected);

    // A vote moves a review up at once: the count is on the row, not recounted.
    await voters[0]!.catalog.reviews.helpful.mutate({ reviewId: made[1]!, helpful: true });
    await voters[1]!.catalog.reviews.helpful.mutate({ reviewId: made[1]!, helpful: true });
    await voters[1]!.catalog.reviews.helpful.mutate({ reviewId: made[3]!, helpful: true });
    expect((await walk(2)).titles).toEqual(["R3:2", "R2:2", "R1:2", "R0:2", "R4:0"]);
  });

  test("a cursor of another sort is a 400 naming cursor", async () => {
    const productId = await product();
    await reviewOf(productId, "A");
    await reviewOf(productId, "B");
    const newest = await h.shop.catalog.reviews.forProduct.query({ productId, sort: "newest", limit: 1 });
    const helpful = await h.shop.catalog.reviews.forProduct.query({ productId, sort: "helpful", limit: 1 });
    expect(newest.nextCursor).toBeString();
    expect(helpful.nextCursor).toBeString();
    for (const [sort, cursor] of [
      ["helpful", newest.nextCursor!],
      ["newest", helpful.nextCursor!],
    ] as const) {
      const bad = await failure(h.shop.catalog.reviews.forProduct.query({ productId, sort, cursor }));
      expect(bad.data?.code).toBe("BAD_REQUEST");
      expect(bad.data?.field).toBe("cursor");
    }
  });

  describe("votes reset", () => {
    /** The vote rows the database holds for a review (the count must follow them). */
    const voteRows = async (reviewId: string) => {
      const [row] = await h.catalog.deps.db.orm
        .select({ n: count() })
        .from(reviewHelpfulVotes)
        .where(eq(reviewHelpfulVotes.reviewId, reviewId));
      return row?.n ?? 0;
    };
    const edit = (
      reviewId: string,
      change: Partial<{ rating: number; authorName: string; title: string; body: string }>,
    ) => ({
      reviewId,
      rating: 4,
      authorName: "Ada",
      title: "Votes",
      body: "Useful detail.",
      ...change,
    });
    /** A published review with two helpful votes. */
    async function votedReview() {
      const productId = await product();
      const { id, author } = await reviewOf(productId, "Votes");
      for (const name of ["v1", "v2"]) {
        await (await shopper(name)).catalog.reviews.helpful.mutate({ reviewId: id, helpful: true });
      }
      expect(await voteRows(id)).toBe(2);
      return { productId, id, author };
    }

    for (const [what, change] of [
      ["rating", { rating: 2 }],
      ["title", { title: "Votes, revised" }],
      ["text", { body: "Useful detail, and a caveat." }],
    ] as const) {
      test(`an edit of the ${what} clears the votes and the count`, async () => {
        const { productId, id, author } = await votedReview();
        const edited = await author.catalog.reviews.update.mutate(edit(id, change));
        expect(edited.helpfulCount).toBe(0);
        expect(await voteRows(id)).toBe(0);
        await moderator.catalog.reviews.publish.mutate({ reviewId: id });
        const voter = await shopper("after");
        const page = await voter.catalog.reviews.forProduct.query({ productId });
        expect(page.items[0]).toMatchObject({ id, helpfulCount: 0, votedHelpful: false });
        // Votes start again from none on the new text.
        expect((await voter.catalog.reviews.helpful.mutate({ reviewId: id, helpful: true })).helpfulCount).toBe(1);
      });
    }

    test("an edit of the author name only keeps the votes", async () => {
      const { id, author } = await votedReview();
      const edited = await author.catalog.reviews.update.mutate(edit(id, { authorName: "Ada L." }));
      expect(edited.helpfulCount).toBe(2);
      expect(await voteRows(id)).toBe(2);
    });

    test("a rejection clears the votes and the count", async () => {
      const { id, author } = await votedReview();
      const rejected = await moderator.catalog.reviews.reject.mutate({ reviewId: id, reason: "Off topic" });
      expect(rejected.helpfulCount).toBe(0);
      expect(await voteRows(id)).toBe(0);
      const mine = await author.catalog.reviews.mine.query({ productId: rejected.productId });
      expect(mine).toMatchObject({ status: "rejected", helpfulCount: 0 });
      // Published again, it starts from none.
      const back = await moderator.catalog.reviews.publish.mutate({ reviewId: id });
      expect(back.helpfulCount).toBe(0);
    });
  });
});

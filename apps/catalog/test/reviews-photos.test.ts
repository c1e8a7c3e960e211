/**
 * Shoppers' review photos (#27) over the real catalog process (real HTTP, real sharp, the disk
 * media driver, real libSQL, NATS, JWTs): a signed-in shopper uploads a PNG made here with sharp,
 * attaches it to their review by id, and the review's views carry it as an image view whose copies
 * are served; another shopper's photo, an unknown id or one already on another review is a 400
 * naming `photos` that writes nothing; a non-image, an oversized file or no token is refused
 * naming its field; a pending or rejected review's photos are not on the product page; a photo
 * dropped by an edit is deleted with its stored copies; the cap on photos on no review.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import sharp from "sharp";
import { IMAGE_WIDTHS } from "../src/contract-images.ts";
import { REVIEW_LIMITS, type ReviewPhotoView } from "../src/contract-reviews.ts";
import { reviewPhotos } from "../src/db/schema.ts";
import { keysOf } from "../src/domain/image-media.ts";
import { clientFor, failure, startCatalog } from "./helpers.ts";

let h: Awaited<ReturnType<typeof startCatalog>>;
let moderator: ReturnType<typeof clientFor>;

/** A shopper: a token (for uploads) and a client (for reviews), as the same customer. */
async function shopper(name: string) {
  const sub = `shopper-${name}-${crypto.randomUUID()}`;
  const token = await h.issuer.sign({ sub, email: `${name}@example.com` });
  return { sub, token, client: clientFor(h.catalog.url, token) };
}
type Shopper = Awaited<ReturnType<typeof shopper>>;

async function product() {
  const made = await h.admin.catalog.admin.products.create.mutate({
    title: `Photo review ${crypto.randomUUID().slice(0, 6)}`,
    status: "active",
    variants: [{ sku: `RPH-${crypto.randomUUID().slice(0, 8)}`, price: 1000 }],
  });
  return made.productId;
}

let seed = 0;
/** A real PNG of `width`×`height`, its colours (and so its hash) new each call. */
async function png(width = 900, height = 600) {
  seed += 1;
  const colour = `#${((seed * 2654435761) >>> 0).toString(16).slice(-6).padStart(6, "0")}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${colour}"/><circle cx="50%" cy="50%" r="30%" fill="#fff"/></svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}

function upload(token: string | null, file: Blob | null, alt?: string) {
  const form = new FormData();
  if (file) form.set("file", file, "photo.png");
  if (alt !== undefined) form.set("alt", alt);
  return fetch(`${h.catalog.url}/media/reviews/photos`, {
    method: "POST",
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}
async function uploaded(who: Shopper, alt?: string, bytes?: Uint8Array<ArrayBuffer>): Promise<ReviewPhotoView> {
  const res = await upload(who.token, new Blob([bytes ?? (await png())], { type: "image/png" }), alt);
  expect(res.status).toBe(201);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return (await res.json()) as ReviewPhotoView;
}

const review = (productId: string, photos: string[]) => ({
  productId,
  rating: 5,
  authorName: "Ada",
  title: "Looks like this",
  body: "The colour is as pictured.",
  photos,
});
const edit = (reviewId: string, photos: string[], body = "The colour is as pictured.") => ({
  reviewId,
  rating: 5,
  authorName: "Ada",
  title: "Looks like this",
  body,
  photos,
});

const photoRows = async (customerId: string) => {
  const [row] = await h.catalog.deps.db.orm
    .select({ n: count() })
    .from(reviewPhotos)
    .where(eq(reviewPhotos.customerId, customerId));
  return row?.n ?? 0;
};
const hashOf = (photo: ReviewPhotoView) => photo.url.split("/")[3] ?? "";

beforeAll(async () => {
  h = await startCatalog();
  moderator = clientFor(
    h.catalog.url,
    await h.issuer.sign({ sub: "mod-photos", email: "mod@example.com", role: "moderator" }),
  );
}, 60_000);
afterAll(() => h?.dispose());

describe("review photos", () => {
  test("upload a PNG, attach it, and the published review's view serves its resized copies", async () => {
    const productId = await product();
    const ada = await shopper("ada");
    const photo = await uploaded(ada, "The mug on my desk");
    expect(photo).toMatchObject({ alt: "The mug on my desk", width: 900, height: 600 });
    expect(photo.id).toBeString();
    expect(Object.keys(photo.sizes).map(Number)).toEqual([...IMAGE_WIDTHS]);
    const [originalKey, ...copies] = keysOf(hashOf(photo), "image/png");
    for (const key of copies) expect(await h.catalog.deps.media.get(key)).not.toBeNull();
    // The shopper's original (and whatever EXIF it carries) is not kept.
    expect(await h.catalog.deps.media.get(originalKey!)).toBeNull();

    const written = await ada.client.catalog.reviews.create.mutate(review(productId, [photo.id]));
    expect(written.status).toBe("pending");
    expect(written.photos).toEqual([photo]);

    // Pending: the author and the moderators see it with its photo; the product page does not.
    expect((await h.shop.catalog.reviews.forProduct.query({ productId })).items).toEqual([]);
    expect((await ada.client.catalog.reviews.mine.query({ productId }))?.photos).toEqual([photo]);
    const queued = await moderator.catalog.reviews.queue.query({ queue: "pending" });
    expect(queued.items.find((r) => r.id === written.id)?.photos).toEqual([photo]);

    await moderator.catalog.reviews.publish.mutate({ reviewId: written.id });
    const page = await h.shop.catalog.reviews.forProduct.query({ productId });
    const shown = page.items[0]?.photos ?? [];
    expect(shown).toEqual([photo]);
    for (const width of IMAGE_WIDTHS) {
      for (const format of ["webp", "avif"] as const) {
        const res = await fetch(`${h.catalog.url}${shown[0]?.sizes[width][format]}`);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe(`image/${format}`);
        const meta = await sharp(new Uint8Array(await res.arrayBuffer())).metadata();
        expect(meta.width).toBe(Math.min(width, 900));
      }
    }
    expect(shown[0]?.url).toBe(shown[0]?.sizes[640].webp);
  });

  test("a phone photo's EXIF is not published: the original is not kept, the copies carry none", async () => {
    const who = await shopper("exif");
    const jpeg = new Uint8Array(
      await sharp(await png(800, 600))
        .jpeg()
        .withExif({ IFD0: { Artist: "Ada at 51.5007N 0.1246W", Copyright: "home" } })
        .toBuffer(),
    );
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const res = await upload(who.token, new Blob([jpeg], { type: "image/jpeg" }));
    expect(res.status).toBe(201);
    const photo = (await res.json()) as ReviewPhotoView & { originalUrl?: string };
    expect(photo.originalUrl).toBeUndefined();
    expect((await fetch(`${h.catalog.url}/media/products/${hashOf(photo)}/original.jpg`)).status).toBe(404);
    for (const width of IMAGE_WIDTHS) {
      for (const format of ["webp", "avif"] as const) {
        const copy = await fetch(`${h.catalog.url}${photo.sizes[width][format]}`);
        const bytes = new Uint8Array(await copy.arrayBuffer());
        expect((await sharp(bytes).metadata()).exif).toBeUndefined();
        expect(new TextDecoder("latin1").decode(bytes)).not.toContain("51.5007N");
      }
    }
  });

  test("several photos keep the order given; an edit reorders them", async () => {
    const productId = await product();
    const bo = await shopper("bo");
    const [a, b, c] = [await uploaded(bo), await uploaded(bo), await uploaded(bo)];
    const written = await bo.client.catalog.reviews.create.mutate(review(productId, [b!.id, a!.id, c!.id]));
    expect(written.photos.map((p) => p.id)).toEqual([b!.id, a!.id, c!.id]);
    const edited = await bo.client.catalog.reviews.update.mutate(edit(written.id, [c!.id, b!.id, a!.id]));
    expect(edited.photos.map((p) => p.id)).toEqual([c!.id, b!.id, a!.id]);
  });

  test("another shopper's photo, an unknown id, one on another review, a duplicate, seven: 400 naming photos, nothing written", async () => {
    const [p1, p2] = [await product(), await product()];
    const owner = await shopper("owner");
    const thief = await shopper("thief");
    const mine = await uploaded(owner);
    const theirs = await uploaded(thief);

    for (const photos of [[mine.id], ["no-such-photo"], [theirs.id, mine.id]]) {
      const refused = await failure(thief.client.catalog.reviews.create.mutate(review(p1, photos)));
      expect(refused.data?.code).toBe("BAD_REQUEST");
      expect(refused.data?.field).toBe("photos");
    }
    expect(await thief.client.catalog.reviews.mine.query({ productId: p1 })).toBeNull();
    // The thief's own photo stayed theirs and unattached; the owner's is untouched.
    const [loose] = await h.catalog.deps.db.orm
      .select({ reviewId: reviewPhotos.reviewId })
      .from(reviewPhotos)
      .where(eq(reviewPhotos.id, theirs.id));
    expect(loose?.reviewId).toBeNull();

    // On an edit too: the review keeps what it had.
    const honest = await thief.client.catalog.reviews.create.mutate(review(p1, [theirs.id]));
    const stolen = await failure(thief.client.catalog.reviews.update.mutate(edit(honest.id, [mine.id], "Changed")));
    expect(stolen.data?.field).toBe("photos");
    const kept = await thief.client.catalog.reviews.mine.query({ productId: p1 });
    expect(kept?.photos.map((p) => p.id)).toEqual([theirs.id]);
    expect(kept?.body).toBe("The colour is as pictured.");

    // A photo already on one review cannot be on a second one of the same shopper.
    const twice = await failure(thief.client.catalog.reviews.create.mutate(review(p2, [theirs.id])));
    expect(twice.data?.field).toBe("photos");

    // The contract: a duplicate id, and more than six.
    const dup = await failure(owner.client.catalog.reviews.create.mutate(review(p2, [mine.id, mine.id])));
    expect(dup.data?.field).toBe("photos");
    const seven = Array.from({ length: REVIEW_LIMITS.photos + 1 }, (_, i) => `photo-${i}`);
    const many = await failure(owner.client.catalog.reviews.create.mutate(review(p2, seven)));
    expect(many.data?.field).toBe("photos");
    expect(await owner.client.catalog.reviews.mine.query({ productId: p2 })).toBeNull();
  });

  test("refused: a non-image, lying bytes, an oversized file, no file, a tiny image, no token — nothing written", async () => {
    const who = await shopper("refused");
    const cases: [string, Response, number, string][] = [
      ["text", await upload(who.token, new Blob(["just text"], { type: "image/png" })), 400, "file"],
      [
        "a PNG header only",
        await upload(who.token, new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])])),
        400,
        "file",
      ],
      // Over the review photo limit, under staff's: the tighter limit is the one applied.
      ["oversized", await upload(who.token, new Blob([new Uint8Array(REVIEW_LIMITS.photoBytes + 1)])), 413, "file"],
      ["far too big", await upload(who.token, new Blob([new Uint8Array(REVIEW_LIMITS.photoBytes * 2)])), 413, "file"],
      ["no file", await upload(who.token, null), 400, "file"],
      ["tiny", await upload(who.token, new Blob([await png(40, 40)])), 400, "file"],
      [
        "long alt",
        await upload(who.token, new Blob([await png()]), "x".repeat(REVIEW_LIMITS.photoAlt + 1)),
        400,
        "alt",
      ],
      ["no token", await upload(null, new Blob([await png()])), 401, "authorization"],
      ["bad token", await upload("not-a-jwt", new Blob([await png()])), 401, "authorization"],
    ];
    for (const [what, res, status, field] of cases) {
      const body = (await res.json()) as { field?: string };
      expect({ what, status: res.status, field: body.field }).toEqual({ what, status, field });
    }
    expect(await photoRows(who.sub)).toBe(0);
  });

  test("a rejected review's photos leave the product page; the author still sees them", async () => {
    const productId = await product();
    const cy = await shopper("cy");
    const photo = await uploaded(cy);
    const written = await cy.client.catalog.reviews.create.mutate(review(productId, [photo.id]));
    await moderator.catalog.reviews.publish.mutate({ reviewId: written.id });
    expect((await h.shop.catalog.reviews.forProduct.query({ productId })).items[0]?.photos).toEqual([photo]);
    await moderator.catalog.reviews.reject.mutate({ reviewId: written.id, reason: "Not the product" });
    expect((await h.shop.catalog.reviews.forProduct.query({ productId })).items).toEqual([]);
    expect((await cy.client.catalog.reviews.mine.query({ productId }))?.photos).toEqual([photo]);
  });

  test("an edit that drops a photo deletes it and its stored copies; a shared upload's copies stay", async () => {
    const productId = await product();
    const di = await shopper("di");
    const bytes = await png();
    const kept = await uploaded(di);
    const dropped = await uploaded(di, "", bytes);
    // Someone else uploads the very same bytes: one set of stored copies, two rows.
    const other = await shopper("same-bytes");
    const twin = await uploaded(other, "", bytes);
    expect(hashOf(twin)).toBe(hashOf(dropped));
    const otherKept = await uploaded(di);

    const written = await di.client.catalog.reviews.create.mutate(review(productId, [kept.id, dropped.id]));
    const edited = await di.client.catalog.reviews.update.mutate(edit(written.id, [kept.id]));
    expect(edited.photos.map((p) => p.id)).toEqual([kept.id]);
    const [gone] = await h.catalog.deps.db.orm
      .select({ n: count() })
      .from(reviewPhotos)
      .where(eq(reviewPhotos.id, dropped.id));
    expect(gone?.n).toBe(0);
    // The twin's row still uses the bytes, so they stay.
    for (const key of keysOf(hashOf(dropped), "image/png").slice(1)) {
      expect(await h.catalog.deps.media.get(key)).not.toBeNull();
    }

    // Without a twin, dropping it removes the copies.
    await di.client.catalog.reviews.update.mutate(edit(written.id, [otherKept.id]));
    for (const key of keysOf(hashOf(kept), "image/png")) expect(await h.catalog.deps.media.get(key)).toBeNull();
    const gets = await fetch(`${h.catalog.url}${kept.url}`);
    expect(gets.status).toBe(404);
  });

  test(`at most ${REVIEW_LIMITS.loosePhotos} photos on no review per shopper (409 naming file); attaching frees room`, async () => {
    const productId = await product();
    const ed = await shopper("ed");
    const ids: string[] = [];
    for (let i = 0; i < REVIEW_LIMITS.loosePhotos; i++) ids.push((await uploaded(ed, "", await png(64, 64))).id);
    const full = await upload(ed.token, new Blob([await png(64, 64)]));
    expect(full.status).toBe(409);
    expect(((await full.json()) as { field?: string }).field).toBe("file");
    const [loose] = await h.catalog.deps.db.orm
      .select({ n: count() })
      .from(reviewPhotos)
      .where(and(eq(reviewPhotos.customerId, ed.sub), isNull(reviewPhotos.reviewId)));
    expect(loose?.n).toBe(REVIEW_LIMITS.loosePhotos);
    await ed.client.catalog.reviews.create.mutate(review(productId, ids.slice(0, 2)));
    await uploaded(ed, "", await png(64, 64));
  }, 30_000);

  test("the reviews table keeps no photo column: photos are rows of review_photos only", async () => {
    const columns = await h.catalog.deps.db.orm.all<{ name: string }>(sql`PRAGMA table_info(reviews)`);
    expect(columns.map((c) => c.name)).toContain("title");
    expect(columns.map((c) => c.name)).not.toContain("photos");
  });
});

/**
 * Uploaded product images (#27) over real HTTP, real sharp, and both storage drivers: a folder on
 * disk, and an S3-compatible server (s3rver) started here on a free port.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { freePort, tempDir } from "@mercato/testing";
import { count, eq } from "drizzle-orm";
import S3rver from "s3rver";
import sharp from "sharp";
import { IMAGE_UPLOAD_LIMITS, type ProductImageView } from "../src/contract-images.ts";
import { outbox, productImages } from "../src/db/schema.ts";
import { keysOf } from "../src/domain/image-media.ts";
import { failure, startCatalog } from "./helpers.ts";

const BUCKET = "mercato-media";
const S3_KEY = "S3RVER"; // s3rver's own fixed test credentials

/** An S3-compatible server in this process, with the media bucket made. */
async function startS3() {
  const dir = tempDir("mercato-s3-");
  const port = await freePort();
  const server = new S3rver({
    address: "127.0.0.1",
    port,
    directory: dir.path,
    silent: true,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: S3_KEY, secretAccessKey: S3_KEY },
  });
  return {
    env: {
      MEDIA_STORAGE: "s3",
      MEDIA_S3_BUCKET: BUCKET,
      MEDIA_S3_ENDPOINT: endpoint,
      MEDIA_S3_ACCESS_KEY_ID: S3_KEY,
      MEDIA_S3_SECRET_ACCESS_KEY: S3_KEY,
    },
    /** The keys the bucket holds under a prefix, asked of the server itself. */
    async keys(prefix: string) {
      const res = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
      return (res.Contents ?? []).map((o) => o.Key ?? "").sort();
    },
    async dispose() {
      client.destroy();
      await server.close();
      dir.dispose();
    },
  };
}

/** A picture of `width`×`height` with a gradient, so each upload's bytes (and hash) differ by `seed`. */
async function picture(width: number, height: number, seed: number, format: "png" | "jpeg" = "png") {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#${(seed * 2654435761).toString(16).slice(-6).padStart(6, "0")}"/><stop offset="1" stop-color="#fff"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  const image = sharp(Buffer.from(svg));
  return new Uint8Array(await (format === "png" ? image.png() : image.jpeg()).toBuffer());
}

for (const driver of ["disk", "s3"] as const) {
  describe(`product images (${driver} storage)`, () => {
    let h: Awaited<ReturnType<typeof startCatalog>>;
    let s3: Awaited<ReturnType<typeof startS3>> | undefined;
    let adminToken: string;
    let customerToken: string;
    let sellerToken: string;

    beforeAll(async () => {
      s3 = driver === "s3" ? await startS3() : undefined;
      h = await startCatalog(s3?.env ?? {});
      adminToken = await h.issuer.sign({ sub: "admin-img", email: "img@example.com", role: "admin" });
      customerToken = await h.issuer.sign({ sub: "user-img", email: "shopper@example.com" });
      sellerToken = await h.issuer.sign({
        sub: "seller-img",
        email: "seller@example.com",
        role: "seller",
        sel: "seller-img",
      });
    }, 60_000);
    afterAll(async () => {
      await h?.dispose();
      await s3?.dispose();
    });

    let n = 0;
    const newProduct = async () => {
      n += 1;
      const p = await h.admin.catalog.admin.products.create.mutate({
        title: `Image Test ${driver} ${n}`,
        variants: [{ sku: `IMG-${driver}-${n}-A`, price: 1200, options: { colour: "Red" } }],
      });
      return { id: p.productId, sku: `IMG-${driver}-${n}-A` };
    };

    const upload = (
      productId: string,
      file: Blob | null,
      opts: { token?: string | null; alt?: string; sku?: string; filename?: string } = {},
    ) => {
      const form = new FormData();
      if (file) form.set("file", file, opts.filename ?? "photo.png");
      if (opts.alt !== undefined) form.set("alt", opts.alt);
      if (opts.sku !== undefined) form.set("sku", opts.sku);
      const token = opts.token === undefined ? adminToken : opts.token;
      return fetch(`${h.catalog.url}/media/products/${productId}/images`, {
        method: "POST",
        body: form,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    };
    const uploaded = async (res: Response) => {
      expect(res.status).toBe(201);
      return (await res.json()) as ProductImageView;
    };
    const get = (path: string) => fetch(`${h.catalog.url}${path}`);
    const stored = (key: string) => h.catalog.deps.media.get(key);
    const writes = async () => {
      const db = h.catalog.deps.db.orm;
      const [[i], [o]] = await Promise.all([
        db.select({ n: count() }).from(productImages),
        db.select({ n: count() }).from(outbox),
      ]);
      return { images: i?.n, outbox: o?.n };
    };

    test("an upload is stored as its original plus 320/640/1280 WebP and AVIF, served immutable", async () => {
      const p = await newProduct();
      const bytes = await picture(1600, 1000, 1);
      const image = await uploaded(await upload(p.id, new Blob([bytes], { type: "image/png" }), { alt: "Red front" }));
      expect(image).toMatchObject({
        productId: p.id,
        sku: null,
        position: 0,
        alt: "Red front",
        width: 1600,
        height: 1000,
      });

      for (const [width, formats] of Object.entries(image.sizes)) {
        for (const [format, url] of Object.entries(formats)) {
          const res = await get(url);
          expect(res.status).toBe(200);
          expect(res.headers.get("content-type")).toBe(`image/${format}`);
          expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
          const meta = await sharp(new Uint8Array(await res.arrayBuffer())).metadata();
          expect(meta.format).toBe(format === "avif" ? "heif" : "webp");
          expect(meta.width).toBe(Number(width));
          expect(meta.height).toBe(Math.round((Number(width) * 1000) / 1600));
        }
      }
      const original = await get(image.originalUrl);
      expect(new Uint8Array(await original.arrayBuffer())).toEqual(bytes);

      // The driver holds every key; the product's `images` (what every reader shows) starts with it.
      const hash = image.url.split("/")[3] ?? "";
      for (const key of keysOf(hash, "image/png")) expect(await stored(key)).not.toBeNull();
      if (s3) expect(await s3.keys(`products/${hash}/`)).toEqual(keysOf(hash, "image/png").sort());
      const product = await h.admin.catalog.admin.products.byId.query({ id: p.id });
      expect(product.images[0]).toEqual({ url: image.url, alt: "Red front" });
    });

    test("a small image is not enlarged; a JPEG is taken too", async () => {
      const p = await newProduct();
      const image = await uploaded(
        await upload(p.id, new Blob([await picture(400, 300, 2, "jpeg")], { type: "image/jpeg" })),
      );
      const big = await sharp(new Uint8Array(await (await get(image.sizes[1280].webp)).arrayBuffer())).metadata();
      expect(big.width).toBe(400);
      expect(image.originalUrl).toEndWith("/original.jpg");
    });

    test("refused: a non-image, a file whose bytes lie, an oversize file, no file, a tiny image — nothing written", async () => {
      const p = await newProduct();
      const before = await writes();
      const cases: [Response, number][] = [
        [await upload(p.id, new Blob(["just text"], { type: "image/png" }), { filename: "x.png" }), 400],
        [
          await upload(p.id, new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])])),
          400,
        ],
        [await upload(p.id, new Blob([new Uint8Array(IMAGE_UPLOAD_LIMITS.maxBytes + 1)])), 413],
        [await upload(p.id, null), 400],
        [await upload(p.id, new Blob([await picture(40, 40, 3)])), 400],
      ];
      for (const [res, status] of cases) {
        expect(res.status).toBe(status);
        const body = (await res.json()) as { field?: string };
        expect(body.field).toBe("file");
      }
      expect(await writes()).toEqual(before);
    });

    test("staff only: no token 401, a shopper 403, another seller's product 403", async () => {
      const p = await newProduct();
      const before = await writes();
      const file = new Blob([await picture(300, 300, 4)]);
      const anonymous = await upload(p.id, file, { token: null });
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { field?: string }).field).toBe("authorization");
      const shopper = await upload(p.id, file, { token: customerToken });
      expect(shopper.status).toBe(403);
      expect(((await shopper.json()) as { field?: string }).field).toBe("permission");
      const seller = await upload(p.id, file, { token: sellerToken });
      expect(seller.status).toBe(403);
      expect(((await seller.json()) as { field?: string }).field).toBe("productId");
      expect(await writes()).toEqual(before);
      expect((await failure(h.customer.catalog.admin.products.images.list.query({ productId: p.id }))).data?.code).toBe(
        "FORBIDDEN",
      );
    });

    test("per variant, ordered, alt text edited, reordered; a typed-URL edit keeps the uploads", async () => {
      const p = await newProduct();
      const a = await uploaded(await upload(p.id, new Blob([await picture(500, 500, 5)]), { alt: "A" }));
      const b = await uploaded(await upload(p.id, new Blob([await picture(500, 500, 6)]), { alt: "B", sku: p.sku }));
      expect(b).toMatchObject({ sku: p.sku, position: 1 });
      const unknown = await upload(p.id, new Blob([await picture(500, 500, 7)]), { sku: "NO-SUCH-SKU" });
      expect(unknown.status).toBe(400);
      expect(((await unknown.json()) as { field?: string }).field).toBe("sku");

      await h.admin.catalog.admin.products.images.edit.mutate({ id: a.id, alt: "A, edited" });
      const order = await h.admin.catalog.admin.products.images.reorder.mutate({ productId: p.id, ids: [b.id, a.id] });
      expect(order.map((i) => [i.id, i.alt])).toEqual([
        [b.id, "B"],
        [a.id, "A, edited"],
      ]);
      const bad = await failure(h.admin.catalog.admin.products.images.reorder.mutate({ productId: p.id, ids: [a.id] }));
      expect(bad.data?.field).toBe("ids");

      await h.admin.catalog.admin.products.update.mutate({
        id: p.id,
        images: [{ url: "/media/typed.svg", alt: "Typed" }],
      });
      const product = await h.admin.catalog.admin.products.byId.query({ id: p.id });
      // The product's images say which variant an upload shows, for the product page to follow.
      expect(product.images).toEqual([
        { url: b.url, alt: "B", sku: p.sku },
        { url: a.url, alt: "A, edited" },
        { url: "/media/typed.svg", alt: "Typed" },
      ]);

      // Staff tie an image to a variant afterwards, and untie it; another product's SKU is refused.
      const tied = await h.admin.catalog.admin.products.images.edit.mutate({ id: a.id, alt: "A, edited", sku: p.sku });
      expect(tied.sku).toBe(p.sku);
      expect((await h.admin.catalog.admin.products.byId.query({ id: p.id })).images[1]).toEqual({
        url: a.url,
        alt: "A, edited",
        sku: p.sku,
      });
      const other = await newProduct();
      const wrong = await failure(
        h.admin.catalog.admin.products.images.edit.mutate({ id: a.id, alt: "A, edited", sku: other.sku }),
      );
      expect(wrong.data?.field).toBe("sku");
      const untied = await h.admin.catalog.admin.products.images.edit.mutate({ id: a.id, alt: "A, edited", sku: null });
      expect(untied.sku).toBeNull();
      expect((await h.admin.catalog.admin.products.byId.query({ id: p.id })).images[1]).toEqual({
        url: a.url,
        alt: "A, edited",
      });
    });

    test("delete removes the row and its stored objects; a second image of the same bytes keeps them until it goes", async () => {
      const p = await newProduct();
      const bytes = new Blob([await picture(700, 500, 8)]);
      const first = await uploaded(await upload(p.id, bytes));
      const second = await uploaded(await upload(p.id, bytes));
      const hash = first.url.split("/")[3] ?? "";
      expect(second.url).toBe(first.url);

      await h.admin.catalog.admin.products.images.delete.mutate({ id: first.id });
      expect(await stored(keysOf(hash, "image/png")[0] ?? "")).not.toBeNull();
      expect((await get(second.url)).status).toBe(200);

      await h.admin.catalog.admin.products.images.delete.mutate({ id: second.id });
      for (const key of keysOf(hash, "image/png")) expect(await stored(key)).toBeNull();
      if (s3) expect(await s3.keys(`products/${hash}/`)).toEqual([]);
      expect((await get(first.url)).status).toBe(404);
      const rows = await h.catalog.deps.db.orm.select().from(productImages).where(eq(productImages.productId, p.id));
      expect(rows).toEqual([]);
      expect((await h.admin.catalog.admin.products.byId.query({ id: p.id })).images).toEqual([]);
    });
  });
}

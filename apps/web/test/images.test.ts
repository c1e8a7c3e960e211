// Uploaded product images (#27) on the whole platform (dev launcher, production web build,
// headless Chromium): an admin uploads a photo on the product's edit page, then the product page
// shows it through next/image with the catalog's stored widths in its srcset. Desktop and mobile,
// with axe-core and screenshots.
import { describe, expect, test } from "bun:test";
import sharp from "sharp";
import { ADMIN, browserSuite, expectAxeClean, signInThroughForm, until } from "./browser-suite.ts";

const SUITE = "images";

/** A 1600×1200 photo-like PNG, different per run so its content address is new. */
async function photo(seed: string): Promise<Buffer> {
  const hue = [...seed].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 0);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,45%)"/><stop offset="1" stop-color="hsl(${(hue + 90) % 360},70%,80%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="800" cy="600" r="300" fill="white" opacity="0.6"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe("product images", () => {
  const suite = browserSuite(SUITE);

  test("an admin uploads a photo and the product page serves it resized", async () => {
    const admin = await suite.client(ADMIN);
    const unique = crypto.randomUUID().slice(0, 8);
    const created = await admin.catalog.admin.products.create.mutate({
      title: `Upload Lamp ${unique}`,
      status: "active",
      variants: [{ sku: `UPL-${unique}`.toUpperCase(), price: 4900, options: { colour: "Amber" } }],
    });

    const page = await suite.newPage("desktop");
    await suite.withFailureShot(page, "admin-upload", async () => {
      await signInThroughForm(page, ADMIN, `/admin/products/${created.productId}`);
      const uploads = page.getByTestId("image-uploads");
      await uploads.getByLabel("choose files to upload").setInputFiles({
        name: "lamp.png",
        mimeType: "image/png",
        buffer: await photo(unique),
      });
      const row = uploads.getByTestId("uploaded-image");
      await row.first().waitFor();
      const alt = uploads.getByLabel("Alt text of image 1");
      await alt.fill("An amber lamp, lit");
      await alt.blur();
      await until("the alt text saved", async () => {
        const [first] = await admin.catalog.admin.products.images.list.query({ productId: created.productId });
        return first?.alt === "An amber lamp, lit";
      });
      await expectAxeClean(page, "admin product photos");
      await suite.shot(page, "admin-photos");
    });

    for (const viewport of ["desktop", "mobile"] as const) {
      const shop = await suite.newPage(viewport);
      await suite.withFailureShot(shop, `product-${viewport}`, async () => {
        await shop.goto(`/p/${created.slug}`);
        const img = shop.getByTestId("gallery-track").locator("img").first();
        await img.waitFor();
        const srcset = (await img.getAttribute("srcset")) ?? "";
        const candidates = srcset.split(",").map((c) => c.trim().split(/\s+/));
        expect(candidates.map(([, w]) => w)).toEqual(["320w", "640w", "1280w"]);
        for (const [url, w] of candidates)
          expect(url).toMatch(new RegExp(`^/media/products/[0-9a-f]{64}/${w?.slice(0, -1)}\\.webp$`));
        expect(await img.getAttribute("sizes")).toContain("100vw");
        // The browser fetched one of the stored copies, and it decodes as a real picture.
        await shop.waitForFunction(
          (el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0,
          await img.elementHandle(),
        );
        const natural = await img.evaluate((el) => (el as HTMLImageElement).naturalWidth);
        expect([320, 640, 1280]).toContain(natural);
        await expectAxeClean(shop, `product page ${viewport}`);
        await suite.shot(shop, `product-${viewport}`);
      });
    }
  });
});

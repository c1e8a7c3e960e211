// Uploaded product images (#27) on the whole platform (dev launcher, production web build,
// headless Chromium): an admin uploads two photos on the product's edit page and edits an alt text;
// then the shop's product page shows them through next/image: a srcset of the stored widths served
// by /media/products/..., a listed width that loads as WebP, an AVIF source the browser takes first,
// the slide below the fold loaded lazily; picking a variant brings the photo tied to it into view.
// The product is priced in every demo region's currency and stocked: the browser's en-GB locale
// shops in the UK region, where a EUR-only product is "Not sold" and its page shows no gallery.
import { describe, expect, test } from "bun:test";
import sharp from "sharp";
import { seriousViolations } from "./axe.ts";
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

  test("an admin uploads photos, edits the alt text, and the shop's product page serves them", async () => {
    const admin = await suite.client(ADMIN);
    const unique = crypto.randomUUID().slice(0, 8);
    const sku = `UPL-${unique}`.toUpperCase();
    const created = await admin.catalog.admin.products.create.mutate({
      title: `Upload Lamp ${unique}`,
      status: "active",
      variants: [
        {
          sku,
          prices: [
            { currency: "EUR", amount: 4900 },
            { currency: "GBP", amount: 4200 },
            { currency: "USD", amount: 5300 },
          ],
          options: { colour: "Amber" },
        },
        {
          sku: `${sku}-BLUE`,
          prices: [
            { currency: "EUR", amount: 4900 },
            { currency: "GBP", amount: 4200 },
            { currency: "USD", amount: 5300 },
          ],
          options: { colour: "Blue" },
        },
      ],
    });
    await until("the new SKU to be stocked", async () =>
      admin.inventory.admin.adjust.mutate({ sku, kind: "receive", quantity: 5, reason: "images suite" }),
    );
    await admin.inventory.admin.adjust.mutate({ sku: `${sku}-BLUE`, kind: "receive", quantity: 5, reason: "images" });

    const page = await suite.newPage("desktop");
    await suite.withFailureShot(page, "admin-upload", async () => {
      await signInThroughForm(page, ADMIN, `/admin/products/${created.productId}`);
      const uploads = page.getByTestId("image-uploads");
      await uploads.getByLabel("choose files to upload").setInputFiles([
        { name: "lamp.png", mimeType: "image/png", buffer: await photo(unique) },
        { name: "lamp-side.png", mimeType: "image/png", buffer: await photo(`${unique}-side`) },
      ]);
      const row = uploads.getByTestId("uploaded-image");
      await row.nth(1).waitFor();
      const alt = uploads.getByLabel("Alt text of image 1");
      await alt.fill("An amber lamp, lit");
      await alt.blur();
      await until("the alt text saved", async () => {
        const [first] = await admin.catalog.admin.products.images.list.query({ productId: created.productId });
        return first?.alt === "An amber lamp, lit";
      });
      // The second photo shows the blue variant: the shop's gallery follows that pick.
      await uploads.getByLabel("Image 2 shows").selectOption(`${sku}-BLUE`);
      await until("the second photo tied to the blue variant", async () => {
        const images = await admin.catalog.admin.products.images.list.query({ productId: created.productId });
        return images[1]?.sku === `${sku}-BLUE`;
      });
      const findings = await seriousViolations(page);
      expect({ where: "admin product photos", findings }).toEqual({ where: "admin product photos", findings: [] });
      await suite.shot(page, "admin-photos");
    });

    const shop = await suite.newPage("desktop");
    await suite.withFailureShot(shop, "product-page", async () => {
      const base = suite.platform.webUrl;
      // The page's catalog read is cached for a short while; the upload's ProductUpdated refreshes it.
      await until("the uploaded photos on the product page", async () => {
        await shop.goto(`${base}/p/${created.slug}`);
        return (await shop.locator('[data-testid="gallery"] img[srcset*="/media/products/"]').count()) >= 2;
      });
      const gallery = shop.getByTestId("gallery");
      const slides = gallery.locator('img[srcset*="/media/products/"]');
      const first = slides.first();
      const srcset = (await first.getAttribute("srcset")) ?? "";
      const entries = srcset.split(",").map((e) => e.trim().split(/\s+/));
      expect(entries.map(([, w]) => w)).toEqual(["320w", "640w", "1280w"]);
      for (const [url, w] of entries)
        expect(url).toMatch(new RegExp(`^/media/products/[0-9a-f]+/${w?.slice(0, -1)}\\.webp$`));
      expect(await first.getAttribute("loading")).not.toBe("lazy");
      // The second slide is off screen (scrolled sideways): the browser fetches it when it nears.
      expect(await slides.nth(1).getAttribute("loading")).toBe("lazy");
      expect(await first.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

      // The <picture>'s AVIF source lists the same widths; Chromium takes it over the WebP.
      const avifSet = (await gallery.locator('source[type="image/avif"]').first().getAttribute("srcset")) ?? "";
      const avifEntries = avifSet.split(",").map((e) => e.trim().split(/\s+/));
      expect(avifEntries.map(([, w]) => w)).toEqual(["320w", "640w", "1280w"]);
      for (const [url, w] of avifEntries)
        expect(url).toMatch(new RegExp(`^/media/products/[0-9a-f]+/${w?.slice(0, -1)}\\.avif$`));
      expect(await first.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\.avif$/);
      const avif = await fetch(new URL(avifEntries[1]?.[0] ?? "", base));
      expect(avif.status).toBe(200);
      expect(avif.headers.get("content-type")).toBe("image/avif");
      expect((await sharp(Buffer.from(await avif.arrayBuffer())).metadata()).format).toBe("heif");

      const listed = entries[1]?.[0] ?? "";
      const served = await fetch(new URL(listed, base));
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/webp");
      const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
      expect({ format: meta.format, width: meta.width }).toEqual({ format: "webp", width: 640 });

      // Picking the blue variant brings its photo into view; back to amber leaves the gallery where it is.
      const position = gallery.getByTestId("gallery-position");
      expect(await position.textContent()).toBe("1 / 2");
      await shop.getByRole("button", { name: "Blue", exact: true }).click();
      await until("the gallery on the blue variant's photo", async () => (await position.textContent()) === "2 / 2");
      expect(await gallery.getByRole("button", { name: "Show image 2 of 2" }).getAttribute("aria-current")).toBe(
        "true",
      );
      await shop.getByRole("button", { name: "Amber", exact: true }).click();
      // Amber has no photo of its own: the gallery stays on the blue photo, scrolled exactly to it.
      await shop.waitForTimeout(500);
      expect(await position.textContent()).toBe("2 / 2");
      const track = gallery.getByTestId("gallery-track");
      expect(await track.evaluate((el) => Math.abs(el.scrollLeft - el.clientWidth) <= 1)).toBe(true);
      await shop.screenshot({ path: "test-artifacts/images/product-page-blue-viewport.png" });

      await expectAxeClean(shop, "product page with uploaded photos");
      await suite.shot(shop, "product-page");
    });

    const phone = await suite.newPage("mobile");
    await suite.withFailureShot(phone, "product-page-mobile", async () => {
      await phone.goto(`${suite.platform.webUrl}/p/${created.slug}`);
      const first = phone.getByTestId("gallery").locator('img[srcset*="/media/products/"]').first();
      await first.waitFor();
      expect(await first.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await expectAxeClean(phone, "product page with uploaded photos (mobile)");
      await suite.shot(phone, "product-page-mobile");
    });
  });
});

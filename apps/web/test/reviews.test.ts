// Reviews and ratings in the browser (#27), on the shared platform (dev launcher, production web
// build, headless Chromium): a shopper signed in writes a review on a product of this suite's own,
// it waits for approval, the demo moderator approves it in /admin/reviews, and the shopper sees it
// on the product page with the average and histogram; another signed-in user marks it helpful
// (aria-pressed toggle, the count kept across a reload, the "Most helpful" sort), its author and a
// guest see the count without a button; the shopper attaches a photo (a PNG made with sharp,
// uploaded through the form's file input, its thumbnail shown before sending), which the
// moderator sees in the queue and the product page shows once approved, drawn by next/image from
// the stored copies; desktop and phone, axe-core on the pages, screenshots in test-artifacts/reviews.
import { describe, expect, test } from "bun:test";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { allViolations } from "./axe.ts";
import { ADMIN, browserSuite, demoUser, SHOPPER, signInThroughForm, until } from "./browser-suite.ts";

const suite = browserSuite("reviews");
const MODERATOR = demoUser("moderator");
/** The form sends no alt text, so the photo is described by where it comes from. */
const PHOTO_ALT = "Photo 1 of 1 from Demo Shopper's review";

/** A new active product only this test reviews (the shared platform's demo data belongs to everyone). */
async function ownProduct(tag: string) {
  const admin = await suite.client(ADMIN);
  const unique = crypto.randomUUID().slice(0, 8);
  const made = await admin.catalog.admin.products.create.mutate({
    title: `Review Lamp ${tag} ${unique}`,
    status: "active",
    description: "A lamp for the reviews suite.",
    variants: [{ sku: `REVIEW-${unique}`, price: 2500 }],
  });
  const product = await admin.catalog.products.byIds.query({ ids: [made.productId] });
  const slug = product[0]?.slug;
  if (!slug) throw new Error("the new product has no slug");
  return { id: made.productId, slug };
}

/** A real PNG of a lamp-ish shape, different per call so each upload has its own hash. */
async function reviewPhoto(tag: string): Promise<Buffer> {
  const hue = [...tag].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 7);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="100%" height="100%" fill="hsl(${hue},60%,85%)"/><circle cx="400" cy="260" r="170" fill="hsl(${(hue + 40) % 360},90%,55%)"/><rect x="370" y="420" width="60" height="150" fill="#333"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The photo <img> inside a review card, once the browser has loaded it (it loads lazily). */
async function loadedPhoto(page: Page, title: string, alt: string) {
  const img = page.getByRole("article", { name: `Review: ${title}` }).getByRole("img", { name: alt });
  await img.scrollIntoViewIfNeeded();
  await until("the review photo decoded", () =>
    img.evaluate((el: HTMLImageElement) => (el.complete && el.naturalWidth > 0 ? true : undefined)),
  );
  return img;
}

/**
 * Scrolls to the reviews section, as a shopper does: its interactive part loads when it nears the
 * viewport (lazy-reviews.tsx). Not a locator action: on a desktop it may already be swapping the
 * server-rendered heading for its own, which detaches the element a locator waits on.
 */
async function scrollToReviews(page: Page): Promise<void> {
  await page.evaluate(() => document.getElementById("reviews-heading")?.scrollIntoView());
}

describe("reviews in the browser", () => {
  for (const viewport of ["desktop", "mobile"] as const) {
    test(`${viewport}: a shopper writes a review, a moderator approves it, the shopper sees it`, async () => {
      const product = await ownProduct(viewport);
      const title = `Bright and warm ${viewport}`;

      const shopper = await suite.newPage(viewport);
      await suite.withFailureShot(shopper, `${viewport}-write`, async () => {
        await signInThroughForm(shopper, SHOPPER, `/p/${product.slug}`, 60_000);
        await scrollToReviews(shopper);
        const form = shopper.getByRole("form", { name: "Write a review" });
        await form.getByLabel("Rating").selectOption("4");
        await form.getByLabel("Your name, as shown").fill("Demo Shopper");
        await form.getByLabel("Title").fill(title);
        await form.getByLabel("Your review").fill("Lights the whole desk.");
        await form.getByLabel(/^Photos/).setInputFiles({
          name: "my-lamp.png",
          mimeType: "image/png",
          buffer: await reviewPhoto(`${viewport}-${product.id}`),
        });
        // Uploaded at once: its thumbnail (a stored copy) shows in the form before sending.
        const thumb = form.getByRole("list", { name: "Your photos" }).getByRole("img", { name: PHOTO_ALT });
        await thumb.waitFor();
        await until("the thumbnail decoded", () =>
          thumb.evaluate((el: HTMLImageElement) => (el.complete && el.naturalWidth > 0 ? true : undefined)),
        );
        expect(await allViolations(shopper)).toEqual([]);
        await suite.shot(shopper, `${viewport}-write-with-photo`);
        await form.getByRole("button", { name: "Submit review" }).click();
        await shopper.getByText("Waiting for approval").waitFor();
        expect(await shopper.getByRole("article", { name: `Review: ${title}` }).count()).toBe(0);
      });

      const staff = await suite.newPage(viewport);
      await suite.withFailureShot(staff, `${viewport}-moderate`, async () => {
        await signInThroughForm(staff, MODERATOR, "/admin/reviews", 60_000);
        const card = staff.getByRole("article", { name: `Review ${title}` });
        await card.waitFor();
        // The moderator sees the photo they are about to publish.
        await card.getByRole("img", { name: PHOTO_ALT }).waitFor();
        expect(await allViolations(staff)).toEqual([]);
        await suite.shot(staff, `${viewport}-admin-queue`);
        await card.getByRole("button", { name: "Approve" }).click();
        await card.waitFor({ state: "detached" });
      });

      await suite.withFailureShot(shopper, `${viewport}-shown`, async () => {
        await until("the approved review on the product page", async () => {
          await shopper.goto(`/p/${product.slug}`);
          await scrollToReviews(shopper);
          // The reviews load in the browser once scrolled to: give them a moment on each visit.
          return shopper
            .getByRole("article", { name: `Review: ${title}` })
            .waitFor({ timeout: 10_000 })
            .then(() => true)
            .catch(() => false);
        });
        const reviews = shopper.getByRole("region", { name: "Reviews" });
        await expect(reviews.getByText("1 review", { exact: true }).count()).resolves.toBe(1);
        await expect(reviews.getByText("4.0", { exact: true }).count()).resolves.toBe(1);
        await expect(shopper.getByText("Published").count()).resolves.toBe(1);
        // The approved review's photo: next/image's srcset lists the stored 320/640/1280 WebP
        // copies, an AVIF <source> the same widths, and the browser has decoded one of them.
        const photo = await loadedPhoto(shopper, title, PHOTO_ALT);
        const srcset = (await photo.getAttribute("srcset")) ?? "";
        const hash = srcset.match(/\/media\/products\/([0-9a-f]{64})\//)?.[1];
        expect(hash).toBeString();
        expect(srcset.split(", ").map((s) => s.split(" ")[0])).toEqual(
          [320, 640, 1280].map((w) => `/media/products/${hash}/${w}.webp`),
        );
        const avif = await photo.evaluate(
          (el) => el.parentElement?.querySelector("source")?.getAttribute("srcset") ?? "",
        );
        expect(avif).toContain(`/media/products/${hash}/1280.avif`);
        expect(await photo.evaluate((el: HTMLImageElement) => el.currentSrc)).toContain(`/media/products/${hash}/`);
        expect(await allViolations(shopper)).toEqual([]);
        const full = await suite.shot(shopper, `${viewport}-product-reviews`);
        // The review card alone, beside the full page, to look at the photo closely.
        await shopper
          .getByRole("article", { name: `Review: ${title}` })
          .screenshot({ path: join(dirname(full), `${viewport}-review-with-photo.png`) });
        // The page itself is regenerated every 30 s: its JSON-LD carries the rating once it is.
        const rating = await until(
          "aggregateRating in the product's JSON-LD",
          async () => {
            await shopper.goto(`/p/${product.slug}`);
            const ld = JSON.parse(
              (await shopper.locator('script[type="application/ld+json"]').first().textContent()) ?? "{}",
            );
            return ld.aggregateRating as { ratingValue: number; reviewCount: number } | undefined;
          },
          120_000,
        );
        expect(rating).toMatchObject({ ratingValue: 4, reviewCount: 1 });
      });

      // The moderator's session is just another signed-in user here: they mark the review helpful.
      await suite.withFailureShot(staff, `${viewport}-helpful`, async () => {
        await staff.goto(`/p/${product.slug}`);
        await scrollToReviews(staff);
        const card = staff.getByRole("article", { name: `Review: ${title}` });
        const toggle = card.getByRole("button", { name: "Helpful (0)" });
        await toggle.waitFor();
        expect(await toggle.getAttribute("aria-pressed")).toBe("false");
        await toggle.click();
        const pressed = card.getByRole("button", { name: "Helpful (1)" });
        await pressed.waitFor();
        expect(await pressed.getAttribute("aria-pressed")).toBe("true");
        // Stored, and the viewer's own vote comes back with the list.
        await staff.goto(`/p/${product.slug}`);
        await scrollToReviews(staff);
        await card.getByRole("button", { name: "Helpful (1)", pressed: true }).waitFor();
        await staff.getByLabel("Sort reviews").selectOption({ label: "Most helpful" });
        await card.getByRole("button", { name: "Helpful (1)", pressed: true }).waitFor();
        expect(await allViolations(staff)).toEqual([]);
        await suite.shot(staff, `${viewport}-helpful-voted`);
      });

      await suite.withFailureShot(shopper, `${viewport}-helpful-author`, async () => {
        await shopper.goto(`/p/${product.slug}`);
        await scrollToReviews(shopper);
        const card = shopper.getByRole("article", { name: `Review: ${title}` });
        await card.getByText("Helpful (1)", { exact: true }).waitFor();
        // No vote on one's own review.
        expect(await card.getByRole("button", { name: /^Helpful/ }).count()).toBe(0);
      });

      const guest = await suite.newPage(viewport);
      await suite.withFailureShot(guest, `${viewport}-helpful-guest`, async () => {
        await guest.goto(`/p/${product.slug}`);
        await scrollToReviews(guest);
        const card = guest.getByRole("article", { name: `Review: ${title}` });
        await card.getByText("Helpful (1)", { exact: true }).waitFor();
        expect(await card.getByRole("button", { name: /^Helpful/ }).count()).toBe(0);
        await guest.getByText("to mark reviews helpful.").waitFor();
        expect(await allViolations(guest)).toEqual([]);
        await suite.shot(guest, `${viewport}-helpful-guest`);
      });
    }, 240_000);
  }
});

// Wishlists in the browser (#27), on the shared platform (dev launcher, production web build): a
// guest saves a product with the product page's "Save" button (desktop) or a listing card's heart
// (phone), then signs in, and finds it on /account/wishlist — the guest's list merged into the
// account with the cart. On desktop the shopper then shares the list: the link opens a read-only
// page in a fresh browser with the first name and the item; after revoking it, the link shows
// nothing. axe on every page; screenshots in test-artifacts/wishlist.
import { describe, expect, test } from "bun:test";
import { createAuthSession } from "@mercato/client";
import type { Page } from "playwright-core";
import { ADMIN, browserSuite, expectAxeClean, signInThroughForm, until, type ViewportName } from "./browser-suite.ts";

const SUITE = "wishlist";
const suite = browserSuite(SUITE);
const tag = crypto.randomUUID().slice(0, 8);

/** A product of this suite's own, active and in stock, so no other suite's data is relied on. */
async function ownProduct(name: string): Promise<{ slug: string; title: string }> {
  const admin = await suite.client(ADMIN);
  const sku = `WL-${name}-${tag}`.toUpperCase();
  const title = `Wished ${name} ${tag}`;
  const product = await admin.catalog.admin.products.create.mutate({
    title,
    status: "active",
    // Priced in every demo region's currency: the browser's en-GB locale shops in the UK region.
    variants: [
      {
        sku,
        prices: [
          { currency: "EUR", amount: 3400 },
          { currency: "GBP", amount: 2900 },
          { currency: "USD", amount: 3700 },
        ],
        weightGrams: 300,
      },
    ],
  });
  await until("the new SKU to be stocked", async () =>
    admin.inventory.admin.adjust.mutate({ sku, kind: "receive", quantity: 6, reason: "wishlist suite" }),
  );
  return { slug: product.slug, title };
}

/** A shopper account of this suite's own (the demo shopper's wishlist is shared by every suite). */
async function ownShopper(name: string) {
  const who = {
    email: `wish-${name}-${tag}@example.com`,
    password: `pw-${crypto.randomUUID()}`,
    name: `Robin ${name}`,
  };
  await createAuthSession({ baseUrl: suite.platform.gatewayUrl }).signUp(who);
  return who;
}

async function wishlistShows(page: Page, title: string): Promise<void> {
  await page.getByTestId("wishlist-item").filter({ hasText: title }).waitFor();
}

describe("wishlist", () => {
  test("desktop: save on the product page as a guest, sign in, see it in the account; share and revoke", async () => {
    const product = await ownProduct("lamp");
    const shopper = await ownShopper("desktop");
    const page = await suite.newPage("desktop");
    await suite.withFailureShot(page, "desktop", async () => {
      await page.goto(`/p/${product.slug}`);
      const save = page.getByRole("button", { name: "Save", exact: true });
      await save.click();
      await page.getByRole("button", { name: "Saved", exact: true, pressed: true }).waitFor();
      await expectAxeClean(page, "product page with Save (desktop)");
      await suite.shot(page, "product-saved-desktop");

      await signInThroughForm(page, shopper, "/account/wishlist");
      await wishlistShows(page, product.title);
      await page.getByRole("heading", { level: 1, name: "Your wishlist", exact: true }).waitFor();
      await expectAxeClean(page, "account wishlist (desktop)");
      await suite.shot(page, "account-wishlist-desktop");

      await page.getByLabel("First name to show").fill("Robin");
      await page.getByRole("button", { name: "Create a share link" }).click();
      const link = await page.getByTestId("share-link").inputValue();
      expect(link).toMatch(/\/wishlist\/[A-Za-z0-9_-]{43}$/);

      const visitor = await suite.newPage("desktop");
      await visitor.goto(new URL(link).pathname);
      await visitor.getByRole("heading", { name: "Robin’s wishlist" }).waitFor();
      await wishlistShows(visitor, product.title);
      // Read-only: no buttons on the items, and nothing of the owner but the chosen name.
      expect(await visitor.getByTestId("wishlist").getByRole("button").count()).toBe(0);
      expect(await visitor.content()).not.toContain(shopper.email);
      await expectAxeClean(visitor, "shared wishlist");
      await suite.shot(visitor, "shared-wishlist");

      await page.getByRole("button", { name: "Revoke the link" }).click();
      await page.getByRole("button", { name: "Create a share link" }).waitFor();
      await visitor.goto(new URL(link).pathname);
      expect(await visitor.getByTestId("wishlist-item").count()).toBe(0);
      await visitor.getByRole("heading", { name: "We could not find that page" }).waitFor();
    });
  });

  test("phone: the heart on a listing card as a guest, then sign in: the item is in the account's wishlist", async () => {
    const product = await ownProduct("mug");
    const shopper = await ownShopper("phone");
    const viewport: ViewportName = "mobile";
    const page = await suite.newPage(viewport);
    await suite.withFailureShot(page, "phone", async () => {
      await page.goto(`/search?q=${encodeURIComponent(product.title)}`);
      const heart = page.getByRole("button", { name: `Save ${product.title} to your wishlist` });
      await heart.click();
      await page.getByRole("button", { name: `Remove ${product.title} from your wishlist`, pressed: true }).waitFor();
      await expectAxeClean(page, "listing with hearts (phone)");
      await suite.shot(page, "listing-heart-mobile");

      await signInThroughForm(page, shopper, "/account/wishlist");
      await wishlistShows(page, product.title);
      await expectAxeClean(page, "account wishlist (phone)");
      await suite.shot(page, "account-wishlist-mobile");

      // Move to cart: off the wishlist, into the cart.
      await page
        .getByTestId("wishlist-item")
        .filter({ hasText: product.title })
        .getByRole("button", { name: "Move to cart" })
        .click();
      await until(
        "the item to leave the wishlist",
        async () => (await page.getByTestId("wishlist-item").count()) === 0,
      );
      await page
        .getByRole("dialog", { name: /Your cart/ })
        .getByTestId("cart-line")
        .filter({ hasText: product.title })
        .waitFor();
    });
  });
});

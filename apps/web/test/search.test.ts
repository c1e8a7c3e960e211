// Search while typing (#25), as a shopper's browser meets it on the whole platform (production web
// build) on a desktop and a phone: a typo in the word still being typed is forgiven, a query that
// finds nothing offers "did you mean" and following it finds the product, and a synonym staff add
// in /admin/search makes a word the product never uses find it. The products searched for are this
// suite's own (a word no other product has), made through the admin API; the demo's Baseball Cap
// is only read. Screenshots in test-artifacts/search; axe-core on every page shown.
import { beforeAll, describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { ADMIN, browserSuite, expectAxeClean, signInThroughForm, until, type ViewportName } from "./browser-suite.ts";

const suite = browserSuite("search");

/** Letters only (the search's words are letters), different on every run of the suite. */
const RUN = Date.now()
  .toString(36)
  .replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)]!);
/** A word no demo product has: seven letters, so the search forgives one edit and "did you mean" two. */
const WORD = "quorvex";
const TITLE = "Quorvex Lantern";

beforeAll(async () => {
  const admin = await suite.client(ADMIN);
  await admin.catalog.admin.products.create.mutate({
    title: TITLE,
    status: "active",
    description: "A storm lantern with a brass handle.",
    variants: [
      {
        sku: `SRCH-${RUN}`.toUpperCase(),
        options: {},
        // Sold in every currency the shop's regions use, so every shopper's listing has it.
        prices: [
          { currency: "EUR", amount: 3_900 },
          { currency: "GBP", amount: 3_400 },
          { currency: "USD", amount: 4_200 },
        ],
      },
    ],
  });
}, 60_000);

/** Types into the header's search box as a shopper does, key by key, and submits it. */
async function search(page: Page, text: string): Promise<void> {
  const box = page.getByRole("combobox", { name: "Search products" });
  await box.click();
  await box.fill("");
  await box.pressSequentially(text, { delay: 30 });
  await box.press("Enter");
  await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === text);
}

const results = (page: Page) => page.locator("#main").getByTestId("product-card");
const resultTitled = (page: Page, title: string) =>
  results(page).filter({ has: page.getByRole("heading", { name: title }) });

for (const viewport of ["desktop", "mobile"] as const satisfies ViewportName[]) {
  describe(`search on ${viewport}`, () => {
    test("a typo in the last word is forgiven while typing", async () => {
      const page = await suite.newPage(viewport);
      await suite.withFailureShot(page, `${viewport}-typo`, async () => {
        await page.goto("/");
        // "basxbal": one letter wrong in a word still being typed (Baseball Cap, from the demo shop).
        await search(page, "basxbal");
        await resultTitled(page, "Baseball Cap").first().waitFor();
        // Our own product: "quoxve" is the beginning of "quorvex" with one letter wrong.
        await search(page, "lantern quoxve");
        await resultTitled(page, TITLE).first().waitFor();
        expect(await results(page).count()).toBeGreaterThan(0);
        await suite.shot(page, `${viewport}-01-typo-forgiven`);
        await expectAxeClean(page, `${viewport} search results`);
      });
    });

    test("a query that finds nothing offers “did you mean”, and following it finds the product", async () => {
      const page = await suite.newPage(viewport);
      await suite.withFailureShot(page, `${viewport}-did-you-mean`, async () => {
        await page.goto("/");
        // Two letters wrong in a word that is not the last: beyond the search's forgiveness.
        await search(page, "quarvix lantern");
        await expect(page.locator("#main").getByTestId("result-count").textContent()).resolves.toMatch(/^0\b/);
        const offer = page.getByTestId("did-you-mean");
        const link = offer.getByRole("link", { name: `${WORD} lantern` });
        await link.waitFor();
        await suite.shot(page, `${viewport}-02-did-you-mean`);
        await expectAxeClean(page, `${viewport} zero results with did you mean`);
        await link.click();
        await page.waitForURL((url) => url.searchParams.get("q") === `${WORD} lantern`);
        await resultTitled(page, TITLE).first().waitFor();
        expect(await page.getByTestId("did-you-mean").count()).toBe(0);
        await suite.shot(page, `${viewport}-03-suggestion-followed`);
      });
    });

    test("a synonym added by staff in /admin/search makes a new word find the product", async () => {
      const word = `${viewport === "desktop" ? "glim" : "lume"}${RUN}`;
      const shopper = await suite.newPage(viewport);
      await suite.withFailureShot(shopper, `${viewport}-synonym-before`, async () => {
        await shopper.goto("/");
        await search(shopper, word);
        await expect(shopper.locator("#main").getByTestId("result-count").textContent()).resolves.toMatch(/^0\b/);
      });

      const staff = await suite.newPage(viewport);
      await suite.withFailureShot(staff, `${viewport}-synonym-admin`, async () => {
        await signInThroughForm(staff, ADMIN, "/admin/search");
        const form = staff.getByRole("form", { name: "Add a synonym" });
        await form.getByRole("textbox", { name: /^Word\b/ }).fill(word);
        await form.getByRole("textbox", { name: /^Also finds/ }).fill(WORD);
        await form.getByRole("button", { name: "Add synonym" }).click();
        await form
          .getByRole("status")
          .filter({ hasText: `Added ${word}` })
          .waitFor();
        await staff.getByRole("table", { name: "Synonyms" }).getByText(word).first().waitFor();
        await suite.shot(staff, `${viewport}-04-synonym-added`);
        await expectAxeClean(staff, `${viewport} admin search synonyms`);
      });

      await suite.withFailureShot(shopper, `${viewport}-synonym-after`, async () => {
        // The zero-result answer may still be cached for a moment (gateway and page caches).
        await until(`"${word}" to find ${TITLE}`, async () => {
          await shopper.reload();
          return (await resultTitled(shopper, TITLE).count()) > 0;
        });
        await suite.shot(shopper, `${viewport}-05-synonym-finds`);
        await expectAxeClean(shopper, `${viewport} results through a synonym`);
      });
    });
  });
}

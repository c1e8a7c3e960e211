// The product CSV import (#24) on the whole platform (dev launcher, production web build, headless
// Chromium): staff upload a strict import of a few thousand rows on /admin/import, watch the
// progress bar move through intermediate values to the end and read the summary; the products
// are then in the shop. A malformed file lists every bad row by line and column and, strict,
// imports none of it. Screenshots and axe. Every handle and SKU carries a random prefix, and all
// but a few products are drafts (kept out of the shop's listings), so the shared platform's other
// suites meet nothing of this one's.
import { describe, expect, test } from "bun:test";
import { IMPORT_UPLOAD_MAX_CHARS } from "@mercato/catalog/contract";
import type { Page } from "playwright-core";
import { ADMIN, browserSuite, expectAxeClean, signInThroughForm } from "./browser-suite.ts";

const suite = browserSuite("import");
const PREFIX = `bt${crypto.randomUUID().slice(0, 8)}`;
const HEADER =
  "handle,title,description,status,brand,tax_class,categories,images,sku,options,weight_grams,price_eur,compare_at_eur,price_gbp,price_usd";
/** Products in the good file (two variants each): enough batches that the page polls the job mid-way. */
const PRODUCTS = 4_500;
const ACTIVE = 3;

function goodFile(): string {
  const lines = [HEADER];
  for (let i = 1; i <= PRODUCTS; i++) {
    const status = i <= ACTIVE ? "active" : "draft";
    lines.push(
      `${PREFIX}-${i},Imported ${PREFIX} ${i},Made by the import suite.,${status},,,,,${PREFIX.toUpperCase()}-${i}-S,size=S,250,${1000 + i},,900,`,
    );
    lines.push(`${PREFIX}-${i},,,,,,,,${PREFIX.toUpperCase()}-${i}-M,size=M,260,${1100 + i},,950,`);
  }
  return lines.join("\n");
}

/** Two good rows around three bad ones; strict, so none of it may be imported. */
const malformedFile = () =>
  [
    HEADER,
    `${PREFIX}-ok-1,Fine one,,active,,,,,${PREFIX.toUpperCase()}-OK-1,,,1000,,,`, // line 2
    `${PREFIX}-bad-price,Bad price,,active,,,,,${PREFIX.toUpperCase()}-BP,,,12.50,,,`, // line 3: price_eur
    `${PREFIX}-bad-status,Bad status,,live,,,,,${PREFIX.toUpperCase()}-BS,,,1000,,,`, // line 4: status
    `${PREFIX}-ok-2,Fine two,,active,,,,,${PREFIX.toUpperCase()}-OK-2,,,1200,,,`, // line 5
    `${PREFIX}-bad-sku,Bad sku,,active,,,,,not a sku!,,,1000,,,`, // line 6: sku
  ].join("\n");

/** Records every value the import's progress bar shows, from when it appears (set before the upload). */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    const read = () => {
      const bar = document.querySelector<HTMLProgressElement>('progress[data-testid="import-progress"]');
      if (bar && seen.at(-1) !== bar.value) seen.push(bar.value);
    };
    new MutationObserver(read).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["value"],
    });
  });
}

async function upload(page: Page, name: string, csv: string, strict: boolean): Promise<void> {
  await page.locator("#import-file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv) });
  const box = page.getByRole("checkbox", { name: /Strict/ });
  if (strict) await box.check();
  else await box.uncheck();
  await page.getByRole("button", { name: "Import", exact: true }).click();
}

/** The job's heading once it is no longer running ("<file>: complete"). */
async function finished(page: Page, name: string): Promise<void> {
  await page.getByRole("heading", { name: `${name}: complete` }).waitFor({ timeout: 180_000 });
}

describe("product CSV import in the admin", () => {
  test("a strict import of a few thousand rows: the progress bar advances, the summary counts, the products are in the shop", async () => {
    const csv = goodFile();
    expect(csv.length).toBeLessThan(IMPORT_UPLOAD_MAX_CHARS);
    const page = await suite.newPage("desktop");
    await suite.withFailureShot(page, "good-file", async () => {
      await signInThroughForm(page, ADMIN, "/admin/import");
      await page.getByRole("heading", { name: "Import and export", level: 1 }).waitFor();
      await recordProgress(page);
      const name = `${PREFIX}.csv`;
      await upload(page, name, csv, true);

      // Read the bar while it runs (the page polls the job twice a second), then once it is done.
      const bar = page.getByRole("progressbar", { name: "Import progress" });
      await bar.waitFor({ timeout: 60_000 });
      const reads: number[] = [];
      const done = page.getByRole("heading", { name: `${name}: complete` });
      while (!(await done.isVisible())) {
        const value = await bar.evaluate((el) => (el as HTMLProgressElement).value);
        if (value > 0 && value < 100 && !reads.some((v) => v > 0 && v < 100)) await suite.shot(page, "running");
        reads.push(value);
        await page.waitForTimeout(100);
      }
      await finished(page, name);
      reads.push(await bar.evaluate((el) => (el as HTMLProgressElement).value));
      const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
      // It showed values between the start and the end, never going backwards, and ended full.
      expect(reads.length).toBeGreaterThanOrEqual(2);
      expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(reads).toEqual([...reads].sort((a, b) => a - b));
      expect(reads.at(-1)).toBe(100);

      const summary = await page.getByTestId("import-summary").textContent();
      expect(summary).toContain(`${PRODUCTS * 2} rows · ${PRODUCTS} created · 0 updated · 0 unchanged · 0 failed`);
      expect(await page.getByRole("list", { name: "Import errors" }).count()).toBe(0);
      await suite.shot(page, "imported");
      await expectAxeClean(page, "/admin/import after an import");
    });

    // The active ones are in the shop, priced from the file in the shop's currency for the
    // visitor (minor units: price_eur 1001 is €10.01, price_gbp 900 is £9.00).
    const shop = await suite.newPage("desktop");
    await suite.withFailureShot(shop, "in-the-shop", async () => {
      await shop.goto(`/p/${PREFIX}-1`);
      await shop.getByRole("heading", { name: `Imported ${PREFIX} 1`, level: 1 }).waitFor();
      expect(await shop.locator("main").textContent()).toMatch(/€10\.01|£9\.00/);
      await suite.shot(shop, "product-page");
    });
  }, 300_000);

  test("a malformed strict file lists every bad row by line and column and imports none", async () => {
    const page = await suite.newPage("desktop");
    await suite.withFailureShot(page, "malformed-file", async () => {
      await signInThroughForm(page, ADMIN, "/admin/import");
      const name = `${PREFIX}-bad.csv`;
      await upload(page, name, malformedFile(), true);
      await finished(page, name);
      const errors = page.getByRole("list", { name: "Import errors" }).getByRole("listitem");
      const texts = (await errors.allTextContents()).map((t) => t.trim());
      expect(texts.map((t) => /^Line (\d+), (\w+):/.exec(t)?.slice(1, 3))).toEqual([
        ["3", "price_eur"],
        ["4", "status"],
        ["6", "sku"],
      ]);
      await page.getByRole("heading", { name: "3 problems" }).waitFor();
      // The validation's counts: two products would have been created; strict, none was.
      expect(await page.getByTestId("import-summary").textContent()).toContain("2 created");
      await suite.shot(page, "malformed");
      await expectAxeClean(page, "/admin/import with row errors");

      const response = await page.goto(`/p/${PREFIX}-ok-1`);
      expect(response?.status()).toBe(404);
    });
  }, 180_000);
});

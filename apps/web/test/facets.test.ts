// Listing, search and product page (#21), as a shopper's browser meets them on the whole platform
// (dev launcher, production web build), on a desktop (1366×900) and a phone (390×844): the phone's
// filter sheet scrolls every facet into reach, two brands at once narrow the list with counts that
// follow the other filters, colour and size narrow, suggestions are a keyboard combobox, the
// gallery swipes and zooms on a phone, recently viewed products come back, axe-core finds nothing.
// Screenshots in test-artifacts/facets.
import { describe, expect, test } from "bun:test";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { allViolations } from "./axe.ts";
import { browserSuite } from "./browser-suite.ts";
import { shot } from "./platform.ts";

const SUITE = "facets";
const suite = browserSuite(SUITE);

const VIEWPORTS = { desktop: { width: 1366, height: 900 }, mobile: { width: 390, height: 844 } } as const;
type ViewportName = keyof typeof VIEWPORTS;

async function newPage(viewport: ViewportName): Promise<{ context: BrowserContext; page: Page }> {
  const page = await suite.newPage("desktop", {
    viewport: VIEWPORTS[viewport],
    locale: "de-DE",
    ...(viewport === "mobile" ? { isMobile: true, hasTouch: true } : {}),
  });
  const context = page.context();
  return { context, page };
}

/** Polls until `check` holds (the page re-renders on the server after each filter). */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(100);
  }
}

async function resultCount(page: Page): Promise<number> {
  const text = (await page.locator("#main").getByTestId("result-count").textContent()) ?? "";
  return Number(text.match(/^(\d+)/)?.[1] ?? Number.NaN);
}

/** The count a facet control shows, "Northwind (5)" → 5. */
async function countIn(control: Locator): Promise<number> {
  const name = (await control.evaluate((el) => (el.closest("label") ?? el).textContent)) ?? "";
  return Number(name.match(/\((\d+)\)\s*$/)?.[1] ?? Number.NaN);
}

/** Waits for React to finish streaming a navigation in (no hidden pending chunk left). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('div[hidden][id^="S:"]') === null);
}

describe("listing filters", () => {
  test("desktop: two brands at once, counts following the other filters, colour and size narrowing", async () => {
    const { context, page } = await newPage("desktop");
    await page.goto("/c/clothing");
    const filters = page.getByRole("complementary", { name: "Filters" });
    const northwind = filters.getByRole("checkbox", { name: /^Northwind/ });
    const alpenglow = filters.getByRole("checkbox", { name: /^Alpenglow/ });
    const nw = await countIn(northwind);
    const ag = await countIn(alpenglow);
    expect(nw).toBeGreaterThan(0);
    expect(ag).toBeGreaterThan(0);
    const all = await resultCount(page);

    await northwind.check();
    await until("Northwind alone", async () => (await resultCount(page)) === nw);
    // The other brand keeps its count while one is chosen: ticking it adds exactly that many.
    expect(await countIn(alpenglow)).toBe(ag);
    await alpenglow.check();
    await until("both brands", async () => (await resultCount(page)) === nw + ag);
    expect(page.url()).toContain("brand=Northwind");
    expect(page.url()).toContain("brand=Alpenglow");
    expect(await northwind.isChecked()).toBe(true);
    expect(await alpenglow.isChecked()).toBe(true);
    expect(nw + ag).toBeLessThan(all);
    await settled(page);
    await shot(page, SUITE, "desktop-01-two-brands");

    // A colour narrows: its chip's count is the total it gives; the brand counts then follow it.
    const black = filters.getByRole("button", { name: /^Black \(/ });
    const withBlack = await countIn(black);
    expect(withBlack).toBeGreaterThan(0);
    expect(withBlack).toBeLessThan(nw + ag);
    await black.click();
    await until("Black", async () => (await resultCount(page)) === withBlack);
    await until("brand counts following the colour", async () => {
      const [a, b] = [await countIn(northwind), await countIn(alpenglow)];
      return a + b === withBlack && (a < nw || b < ag);
    });
    expect(await black.getAttribute("aria-pressed")).toBe("true");
    await settled(page);
    await shot(page, SUITE, "desktop-02-black");

    // A size narrows further (AND across options).
    const sizes = filters.locator('[data-facet="option-size"]').getByRole("button");
    let narrower: Locator | null = null;
    let narrowerCount = 0;
    for (const b of await sizes.all()) {
      const n = await countIn(b);
      if (n > 0 && n < withBlack) {
        narrower = b;
        narrowerCount = n;
        break;
      }
    }
    if (!narrower) throw new Error("no size narrows the black products");
    await narrower.click();
    await until("a size", async () => (await resultCount(page)) === narrowerCount);
    expect(await page.getByTestId("product-card").count()).toBe(narrowerCount);
    await settled(page);
    await shot(page, SUITE, "desktop-03-size");

    // The filters open beside the list: axe finds nothing on the category page.
    expect(await allViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  test("phone: the filter sheet scrolls every facet's controls into the viewport; apply and clear", async () => {
    const { context, page } = await newPage("mobile");
    await page.goto("/c/clothing");
    const all = await resultCount(page);
    await page.getByRole("button", { name: /^Filters/ }).click();
    const sheet = page.getByRole("dialog", { name: "Filters" });
    await sheet.waitFor();
    const body = sheet.getByTestId("filter-sheet-body");
    await shot(page, SUITE, "mobile-01-sheet-open");

    const groups = body.locator("fieldset[data-facet]");
    const facetNames = await groups.evaluateAll((els) => els.map((e) => e.getAttribute("data-facet")));
    expect(facetNames).toEqual(expect.arrayContaining(["brand", "price", "option-colour", "option-size", "stock"]));
    const { width, height } = VIEWPORTS.mobile;
    const outside: string[] = [];
    let checked = 0;
    for (const control of await body.locator("input, button").all()) {
      await control.scrollIntoViewIfNeeded();
      const box = await control.boundingBox();
      const frame = await body.boundingBox();
      const what = await control.evaluate(
        (el) => `${el.closest("fieldset")?.getAttribute("data-facet")}: ${(el.closest("label") ?? el).textContent}`,
      );
      if (!box || !frame) {
        outside.push(`${what}: no box`);
        continue;
      }
      checked++;
      const inViewport = box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
      const inSheet = box.y >= frame.y - 1 && box.y + box.height <= frame.y + frame.height + 1;
      if (!inViewport || !inSheet) outside.push(`${what}: ${JSON.stringify(box)}`);
    }
    expect(outside).toEqual([]);
    expect(checked).toBeGreaterThan(20);
    await shot(page, SUITE, "mobile-02-sheet-scrolled");

    // Two brands in the sheet; the sheet's button says how many products they give.
    const northwind = body.getByRole("checkbox", { name: /^Northwind/ });
    const alpenglow = body.getByRole("checkbox", { name: /^Alpenglow/ });
    const want = (await countIn(northwind)) + (await countIn(alpenglow));
    await northwind.check();
    await until("Northwind", async () => page.url().includes("brand=Northwind"));
    await settled(page);
    await alpenglow.check();
    await until("both brands", async () => (await resultCount(page)) === want);
    const show = sheet.getByRole("button", { name: `Show ${want} products` });
    await show.waitFor();
    expect(await allViolations(page)).toEqual([]);
    await shot(page, SUITE, "mobile-03-two-brands");
    await show.click();
    await sheet.waitFor({ state: "hidden" });
    expect(await page.getByTestId("product-card").count()).toBe(want);
    await shot(page, SUITE, "mobile-04-applied");

    // Clear all from the sheet lists everything again.
    await page.getByRole("button", { name: /^Filters \(2\)/ }).click();
    await sheet.getByRole("link", { name: "Clear all" }).click();
    await until("cleared", async () => (await resultCount(page)) === all);
    await sheet.getByRole("button", { name: `Show ${all} products` }).waitFor();
    await context.close();
  }, 120_000);

  test("search page: the category facet nests subcategories under their own parents", async () => {
    const { context, page } = await newPage("desktop");
    await page.goto("/search?q=shirt");
    const facet = page.getByRole("complementary", { name: "Filters" }).locator('[data-facet="category"]');
    const rows = await facet.locator("li").evaluateAll((els) =>
      els.map((li) => ({
        name: li.querySelector("span")?.textContent ?? "",
        indent: Number.parseFloat(getComputedStyle(li).paddingLeft),
      })),
    );
    // Clothing first, its t-shirts and shirts indented under it; nothing from another parent between.
    expect(rows[0]).toEqual({ name: "Clothing", indent: 0 });
    expect(rows.slice(1, 3).map((r) => r.name)).toEqual(["T-Shirts", "Shirts"]);
    expect(rows.slice(1, 3).every((r) => r.indent > 0)).toBe(true);
    expect(await allViolations(page)).toEqual([]);
    await shot(page, SUITE, "desktop-04-search-categories");
    await context.close();
  }, 60_000);
});

describe("search suggestions", () => {
  for (const viewport of ["desktop", "mobile"] as const) {
    test(`${viewport}: arrow keys move through the suggestions, Enter opens the product, Escape closes`, async () => {
      const { context, page } = await newPage(viewport);
      await page.goto("/");
      const box = page.getByRole("combobox", { name: "Search products" });
      await box.click();
      await box.pressSequentially("jack", { delay: 40 });
      // The box searches as you type: 300 ms after the last key the page becomes /search?q=jack.
      // Wait for that page, or axe below may run while its loading skeleton is on screen.
      await page.waitForURL(/\/search\?q=jack$/);
      await page.getByRole("heading", { level: 1, name: /Results for/ }).waitFor();
      const list = page.getByRole("listbox", { name: "Suggestions" });
      await list.waitFor();
      const options = list.getByRole("option");
      await until("suggestions", async () => (await options.count()) > 1);
      expect(await box.getAttribute("aria-expanded")).toBe("true");
      await shot(page, SUITE, `${viewport}-05-suggestions`);

      await box.press("ArrowDown");
      await box.press("ArrowDown");
      await box.press("ArrowUp");
      const first = options.first();
      expect(await box.getAttribute("aria-activedescendant")).toBe(await first.getAttribute("id"));
      expect(await first.getAttribute("aria-selected")).toBe("true");
      expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
      if (viewport === "desktop") expect(await allViolations(page)).toEqual([]);

      await box.press("Escape");
      await list.waitFor({ state: "hidden" });
      expect(await box.getAttribute("aria-expanded")).toBe("false");
      await box.press("ArrowDown");
      await list.waitFor();
      await box.press("ArrowDown");
      const title = (await first.locator("span span").first().textContent()) ?? "";
      expect(title.toLowerCase()).toContain("jacket");
      await box.press("Enter");
      await page.waitForURL(/\/p\/[a-z0-9-]+$/);
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      await list.waitFor({ state: "hidden" });
      await shot(page, SUITE, `${viewport}-06-suggestion-opened`);
      await context.close();
    }, 60_000);
  }

  test("punctuation alone suggests nothing and the page stays usable", async () => {
    const { context, page } = await newPage("desktop");
    await page.goto("/");
    const box = page.getByRole("combobox", { name: "Search products" });
    await box.click();
    await box.pressSequentially('"(*', { delay: 40 });
    await page.waitForURL(/\/search\?q=/);
    await Bun.sleep(500);
    expect(await page.getByRole("listbox", { name: "Suggestions" }).isVisible()).toBe(false);
    expect(await resultCount(page)).toBe(0);
    await context.close();
  }, 60_000);
});

describe("product page", () => {
  test("phone: the gallery swipes, zooms in a dialog that keeps focus, Escape closes", async () => {
    const { context, page } = await newPage("mobile");
    await page.goto("/p/denim-trucker-jacket");
    const gallery = page.getByTestId("gallery");
    const position = gallery.getByTestId("gallery-position");
    expect((await position.textContent())?.replace(/\s/g, "")).toBe("1/3");
    await shot(page, SUITE, "mobile-07-gallery");

    // A touch swipe, right to left across the image: touch points through the browser's input pipeline.
    const track = gallery.getByTestId("gallery-track");
    const box = (await track.boundingBox())!;
    const cdp = await context.newCDPSession(page);
    const y = Math.round(box.y + box.height / 2);
    const from = Math.round(box.x + box.width * 0.8);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: from, y }] });
    for (let step = 1; step <= 8; step++) {
      const x = Math.round(from - (box.width * 0.6 * step) / 8);
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y }] });
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await until("the second image", async () => (await position.textContent())?.replace(/\s/g, "") === "2/3");
    expect(await gallery.getByRole("button", { name: "Show image 2 of 3" }).getAttribute("aria-current")).toBe("true");
    await shot(page, SUITE, "mobile-08-swiped");

    // Tap to enlarge: a modal dialog, focus inside it and kept there.
    await gallery.getByRole("button", { name: /^Enlarge image 2 of 3/ }).tap();
    const zoom = page.getByTestId("gallery-zoom");
    await zoom.waitFor();
    expect(await zoom.evaluate((d) => (d as HTMLDialogElement).open && d.matches(":modal"))).toBe(true);
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest("dialog[open]")))).toBe(true);
    }
    const image = zoom.getByTestId("gallery-zoom-image");
    expect(await image.getAttribute("alt")).toBe("Denim Trucker Jacket, back");
    await zoom.getByRole("button", { name: "Zoom in" }).tap();
    await until("zoomed", async () => (await image.evaluate((el) => getComputedStyle(el).transform)) !== "none");
    await shot(page, SUITE, "mobile-09-zoomed");
    await zoom.getByRole("button", { name: "Next image" }).tap();
    expect(await image.getAttribute("alt")).toBe("Denim Trucker Jacket, detail");
    expect(await allViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await zoom.waitFor({ state: "hidden" });
    expect((await position.textContent())?.replace(/\s/g, "")).toBe("3/3");
    await context.close();
  }, 90_000);

  test("desktop: thumbnails switch images; axe finds nothing on the product and search pages", async () => {
    const { context, page } = await newPage("desktop");
    await page.goto("/p/denim-trucker-jacket");
    const gallery = page.getByTestId("gallery");
    await gallery.getByRole("button", { name: "Show image 3 of 3" }).click();
    await until(
      "the third image",
      async () => (await gallery.getByTestId("gallery-position").textContent())?.replace(/\s/g, "") === "3/3",
    );
    await settled(page);
    expect(await allViolations(page)).toEqual([]);
    await shot(page, SUITE, "desktop-07-product");
    await page.goto("/search?q=jacket");
    await settled(page);
    expect(await allViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);

  test("recently viewed: products seen in this browser come back on product pages, home and cart", async () => {
    const { context, page } = await newPage("mobile");
    await page.goto("/p/denim-trucker-jacket");
    await page.getByRole("heading", { level: 1, name: "Denim Trucker Jacket" }).waitFor();
    // The page being shown is not offered as recently viewed.
    expect(await page.getByTestId("recently-viewed").count()).toBe(0);
    await page.goto("/c/footwear");
    const card = page.getByTestId("product-card").first();
    const other = ((await card.locator("h3").textContent()) ?? "").trim();
    await card.click();
    await page.getByRole("heading", { level: 1, name: other }).waitFor();
    const recent = page.getByTestId("recently-viewed");
    await recent.getByRole("link", { name: "Denim Trucker Jacket" }).waitFor();
    expect(await recent.getByRole("link", { name: other }).count()).toBe(0);
    await shot(page, SUITE, "mobile-10-recently-viewed-product");

    await page.goto("/");
    const names = await page
      .getByTestId("recently-viewed")
      .getByRole("link")
      .evaluateAll((els) => els.map((e) => e.textContent?.trim()));
    expect(names).toEqual([other, "Denim Trucker Jacket"]);
    await page.goto("/cart");
    await page.getByTestId("recently-viewed").getByRole("link", { name: other }).waitFor();
    // Kept in this browser only: a fresh browser has none.
    const fresh = await newPage("mobile");
    await fresh.page.goto("/");
    expect(await fresh.page.getByTestId("recently-viewed").count()).toBe(0);
    await fresh.context.close();
    await context.close();
  }, 90_000);

  test("the product page's first-load JavaScript stays within 3 % of before (227.8 kB transferred)", async () => {
    const { context, page } = await newPage("mobile");
    await page.goto("/p/denim-trucker-jacket");
    await page.getByRole("button", { name: "Add to cart" }).waitFor();
    const js = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .filter((e) => (e as PerformanceResourceTiming).initiatorType === "script")
        .reduce(
          (sum, e) => {
            const r = e as PerformanceResourceTiming;
            return {
              encoded: sum.encoded + r.encodedBodySize,
              decoded: sum.decoded + r.decodedBodySize,
              scripts: sum.scripts + 1,
            };
          },
          { encoded: 0, decoded: 0, scripts: 0 },
        ),
    );
    console.log(
      `product page first-load JS: ${(js.encoded / 1024).toFixed(1)} kB transferred, ${(js.decoded / 1024).toFixed(1)} kB decoded, ${js.scripts} scripts`,
    );
    // docs/PERFORMANCE.md: 227.8 kB transferred with the reviews section loaded only when scrolled
    // to (230.6 kB after #27 before that; 212.0 kB before #27), measured the same way.
    expect(js.encoded).toBeLessThanOrEqual(227.8 * 1024 * 1.03);
    await context.close();
  }, 60_000);
});

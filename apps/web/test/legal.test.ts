// Legal pages, the consent note at payment, and the order PDFs (#21), on the whole platform (dev
// launcher, production web build, headless Chromium), desktop and phone: the footer's legal links
// open the merchant's pages, an unknown one is a 404, the shop sets only essential cookies (so no
// banner), a staff edit in /admin/pages shows on the storefront with its HTML as text, the pay
// page says that paying accepts the terms, staff download an order's invoice and packing slip
// (application/pdf, parsed back), and a guest, a customer and a seller are refused what is not
// theirs. axe-core on the legal page and the admin's pages page. Screenshots in test-artifacts/legal.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { LEGAL_PAGE_LABELS, LEGAL_PAGE_SLUGS } from "@mercato/catalog/contract";
import { createMercatoClient } from "@mercato/client";
import type { BrowserContext, Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { allViolations } from "./axe.ts";
import {
  ADMIN,
  browserSuite,
  type Credentials,
  demoUser,
  SHOPPER,
  signInThroughForm,
  type ViewportName,
  until as waitUntil,
  watchProblems,
} from "./browser-suite.ts";
import { shot } from "./platform.ts";

const SUITE = "legal";
const SELLER = demoUser("seller");
const VIEWPORTS = { desktop: { width: 1366, height: 900 }, mobile: { width: 390, height: 844 } } as const;

/**
 * Every cookie the storefront may set, all essential to what the shopper asked for: the signed-in
 * session (better-auth), the guest cart and its marker, a guest's access to an order, the region.
 */
const ESSENTIAL_COOKIE =
  /^(better-auth\.[a-z_]+|mercato_cart|mercato_cart_guest|mercato_order_[A-Za-z0-9_-]+|mercato_region)$/;

const suite = browserSuite(SUITE);

async function newPage(viewport: ViewportName): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const page = await suite.newPage(viewport, { viewport: VIEWPORTS[viewport], locale: "de-DE" });
  const problems = watchProblems(page);
  return { context: page.context(), page, problems };
}

const signIn = (page: Page, who: Credentials, next: string) => signInThroughForm(page, who, next, 60_000);

/** Polls `probe` until it returns something truthy, or fails naming `what`. */
const until = <T>(what: string, probe: () => Promise<T | null | undefined | false>) => waitUntil(what, probe, 60_000);

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text.replace(/\s+/g, " ");
}

/**
 * A paid order in euros (the launcher places six demo orders in region eu), read as the superadmin
 * through the gateway. Other suites of the run place orders too, some in other currencies.
 */
async function demoOrder(): Promise<{ id: string; number: string; email: string }> {
  const admin = await suite.client(ADMIN);
  const paidInEuros = (o: { paymentStatus: string; currency: string }) =>
    o.paymentStatus === "PAID" && o.currency === "EUR";
  const page = await until("a paid order in euros", async () => {
    const list = await admin.orders.admin.list.query({ limit: 100 });
    return list.items.find(paidInEuros) ? list : null;
  });
  const order = page.items.find(paidInEuros);
  if (!order) throw new Error("no paid order in euros");
  return { id: order.id, number: order.number, email: order.email };
}

describe("legal pages on the storefront", () => {
  for (const viewport of ["desktop", "mobile"] as const) {
    test(`${viewport}: the footer links every legal page, each opens, an unknown one is a 404, and axe finds nothing`, async () => {
      const { context, page, problems } = await newPage(viewport);
      await page.goto("/");
      const legalNav = page.getByRole("navigation", { name: "Legal" });
      for (const slug of LEGAL_PAGE_SLUGS) {
        expect(await legalNav.getByRole("link", { name: LEGAL_PAGE_LABELS[slug] }).getAttribute("href")).toBe(
          `/legal/${slug}`,
        );
      }
      await legalNav.getByRole("link", { name: LEGAL_PAGE_LABELS.returns }).scrollIntoViewIfNeeded();
      await shot(page, SUITE, `${viewport}-01-footer`);
      await legalNav.getByRole("link", { name: LEGAL_PAGE_LABELS.returns }).click();
      await page.waitForURL(/\/legal\/returns$/);
      await page.getByRole("heading", { level: 1, name: "Returns and refunds" }).waitFor();
      expect(await page.getByTestId("legal-body").textContent()).toContain("30 days from the day they were delivered");
      // Markdown became structure: headings under the title, a numbered list, a link to another page.
      expect(await page.getByTestId("legal-body").locator("h2").count()).toBeGreaterThan(1);
      expect(await page.getByTestId("legal-body").locator("ol li").count()).toBeGreaterThan(1);
      await shot(page, SUITE, `${viewport}-02-returns`);
      // A client-side navigation swaps the document's <title> after the page's content: axe
      // checks the page once it is all there (it ran in between once: "Documents must have <title>").
      await page.waitForFunction(() => document.title.includes("Returns"));
      expect(await allViolations(page)).toEqual([]);

      for (const slug of LEGAL_PAGE_SLUGS) {
        const res = await context.request.get(`/legal/${slug}`);
        expect([slug, res.status()]).toEqual([slug, 200]);
      }
      const unknown = await context.request.get("/legal/cookies");
      expect(unknown.status()).toBe(404);
      await page.goto("/legal/privacy");
      await page.getByRole("heading", { level: 1, name: "Privacy policy" }).waitFor();
      expect(await allViolations(page)).toEqual([]);

      // Browsing and adding to the cart sets essential cookies only, and no consent banner is shown.
      await page.goto("/p/denim-trucker-jacket");
      await page.getByRole("button", { name: "Add to cart" }).click();
      await page
        .getByRole("dialog", { name: /Your cart/ })
        .getByTestId("cart-line")
        .first()
        .waitFor();
      const names = (await context.cookies()).map((c) => c.name);
      expect(names).toContain("mercato_cart");
      expect(names.filter((n) => !ESSENTIAL_COOKIE.test(n))).toEqual([]);
      expect(await page.getByText(/cookie/i).count()).toBe(0);
      expect(problems).toEqual([]);
    }, 180_000);
  }

  test("the pay page says that paying accepts the terms, linking the terms, privacy and returns pages", async () => {
    const { page } = await newPage("mobile");
    await page.goto("/p/denim-trucker-jacket");
    await page.getByRole("button", { name: "Add to cart" }).click();
    const drawer = page.getByRole("dialog", { name: /Your cart/ });
    await drawer.getByTestId("cart-line").first().waitFor();
    await drawer.getByRole("link", { name: "Checkout" }).click();
    await page.waitForURL(/\/checkout$/);
    await page.getByLabel("Email").fill(`legal-${Date.now()}@example.com`);
    await page.locator("input[name=shipping-name]").fill("Alex Guest");
    await page.locator("input[name=shipping-line1]").fill("Invalidenstraße 116");
    await page.locator("input[name=shipping-postalCode]").fill("10115");
    await page.locator("input[name=shipping-city]").fill("Berlin");
    await page.locator("select[name=shipping-country]").selectOption("DE");
    await page.getByRole("button", { name: "Continue to payment" }).click();
    await page.waitForURL(/\/checkout\/pay\//, { timeout: 60_000 });
    const note = page.getByTestId("legal-consent");
    await note.waitFor({ timeout: 60_000 });
    expect(await note.textContent()).toContain("By paying you accept our terms and conditions");
    expect(await note.getByRole("link", { name: "terms and conditions" }).getAttribute("href")).toBe("/legal/terms");
    expect(await note.getByRole("link", { name: "privacy policy" }).getAttribute("href")).toBe("/legal/privacy");
    expect(await note.getByRole("link", { name: "returns policy" }).getAttribute("href")).toBe("/legal/returns");
    await note.scrollIntoViewIfNeeded();
    await shot(page, SUITE, "mobile-03-pay-consent");
  }, 180_000);
});

describe("staff edit the legal pages", () => {
  for (const viewport of ["desktop", "mobile"] as const) {
    test(`${viewport}: an edit in /admin/pages shows on the storefront, HTML in it as text`, async () => {
      const { context, page, problems } = await newPage(viewport);
      await signIn(page, ADMIN, "/admin/pages");
      await page.getByRole("heading", { level: 1, name: "Legal pages" }).waitFor();
      await page
        .getByRole("navigation", { name: "Legal pages" })
        .getByRole("button", { name: /Imprint/ })
        .click();
      const form = page.getByRole("form", { name: "Edit Imprint" });
      await form.waitFor();
      expect(await allViolations(page)).toEqual([]);
      await shot(page, SUITE, `${viewport}-04-admin-pages`);

      const stamp = `${viewport}-${Date.now().toString(36)}`;
      const title = `Legal notice ${stamp}`;
      const body = [
        "## Who we are",
        "",
        `**Example Shop ${stamp}**, Hauptstraße 5, München.`,
        "",
        "<script>window.__legalPwned = 1</script>",
        "",
        '<img src="x" onerror="window.__legalPwned = 2">',
        "",
        "[a link](javascript:window.__legalPwned=3)",
      ].join("\n");
      await form.getByLabel("Title").fill(title);
      await form.getByLabel("Body (Markdown)").fill(body);
      await form.getByRole("button", { name: "Save page" }).click();
      await form.getByRole("status").filter({ hasText: "Saved" }).waitFor();
      await shot(page, SUITE, `${viewport}-05-admin-saved`);

      // The storefront shows it within the gateway's few seconds of sharing.
      const shop = await context.newPage();
      await until("the edited imprint on the storefront", async () => {
        await shop.goto("/legal/imprint");
        return (await shop.getByRole("heading", { level: 1 }).textContent()) === title;
      });
      const shown = shop.getByTestId("legal-body");
      const text = (await shown.textContent()) ?? "";
      expect(text).toContain(`Example Shop ${stamp}`);
      expect(text).toContain("<script>window.__legalPwned = 1</script>");
      expect(text).toContain('<img src="x" onerror="window.__legalPwned = 2">');
      expect(await shown.locator("script, img").count()).toBe(0);
      expect(await shown.locator("strong").textContent()).toBe(`Example Shop ${stamp}`);
      // The javascript: link lost its URL.
      expect(await shown.getByText("a link").getAttribute("href")).not.toContain("javascript");
      await Bun.sleep(300);
      expect(await shop.evaluate(() => (window as unknown as { __legalPwned?: number }).__legalPwned)).toBeUndefined();
      await shot(shop, SUITE, `${viewport}-06-shop-edited`);
      expect(await allViolations(shop)).toEqual([]);

      // The audit log has the save, by this admin.
      await page.goto("/admin/audit");
      await page.getByText("catalog.admin.pages.save").first().waitFor();

      // A signed-in browser holds essential cookies only too.
      const names = (await context.cookies()).map((c) => c.name);
      expect(names.some((n) => n.startsWith("better-auth."))).toBe(true);
      expect(names.filter((n) => !ESSENTIAL_COOKIE.test(n))).toEqual([]);
      expect(problems.filter((p) => !p.includes("401"))).toEqual([]);
    }, 180_000);
  }
});

/**
 * A guest order of the demo seller's book and one of the shop's jackets (placed, not paid: the
 * documents need no payment), so the seller's packing slip has a line of its own and one not.
 */
async function mixedSellerOrder(): Promise<string> {
  const shop = createMercatoClient({ baseUrl: suite.platform.gatewayUrl });
  const skus: string[] = [];
  for (const slug of ["the-quiet-harbour", "denim-trucker-jacket"]) {
    const product = await shop.catalog.products.bySlug.query({ slug, currency: "EUR" });
    const variant = product.variants.find((v) => v.available > 0);
    if (!variant) throw new Error(`${slug} has no stock`);
    skus.push(variant.sku);
  }
  let cartToken: string | undefined;
  for (const sku of skus) {
    const cart = await shop.cart.addItem.mutate({ cartToken, sku, quantity: 1, regionId: "eu" });
    cartToken = cart.cartToken ?? cartToken;
  }
  const placed = await shop.orders.checkout.mutate({
    cartToken,
    email: `mixed-${Date.now()}@example.com`,
    shippingAddress: {
      name: "Alex Guest",
      line1: "Invalidenstraße 116",
      city: "Berlin",
      postalCode: "10115",
      country: "DE",
    },
    idempotencyKey: crypto.randomUUID(),
  });
  return placed.orderId;
}

describe("order documents", () => {
  test("staff download the invoice and packing slip from the order page; guests, customers and sellers are refused", async () => {
    const order = await demoOrder();
    const { context, page } = await newPage("desktop");
    await signIn(page, ADMIN, "/admin");
    await page.goto(`/admin/orders/${order.id}`);
    const buttons = page.getByTestId("order-documents");
    await buttons.waitFor();
    await shot(page, SUITE, "desktop-07-order-documents");

    const [invoiceDownload] = await Promise.all([
      page.waitForEvent("download"),
      buttons.getByRole("link", { name: "Download invoice (PDF)" }).click(),
    ]);
    expect(invoiceDownload.suggestedFilename()).toBe(`INV-${order.number}.pdf`);
    const invoiceFile = await invoiceDownload.path();
    const invoice = await pdfText(new Uint8Array(readFileSync(invoiceFile)));
    expect(invoice).toContain(`Invoice number: INV-${order.number}`);
    expect(invoice).toContain("Mercato Demo GmbH");
    expect(invoice).toContain("VAT ID: DE123456789");
    expect(invoice).toContain("Net total");
    expect(invoice).toMatch(/VAT \d+(\.\d+)?% on €\d+\.\d\d/);
    expect(invoice).toContain("Total (gross, EUR)");
    expect(invoice).toContain(order.email);

    const [slipDownload] = await Promise.all([
      page.waitForEvent("download"),
      buttons.getByRole("link", { name: "Download packing slip (PDF)" }).click(),
    ]);
    expect(slipDownload.suggestedFilename()).toBe(`packing-slip-${order.number}.pdf`);
    const slip = await pdfText(new Uint8Array(readFileSync(await slipDownload.path())));
    expect(slip).toContain("PACKING SLIP");
    expect(slip).toContain(`Order: ${order.number}`);
    expect(slip).not.toContain("€");

    // The same URLs answer application/pdf to the admin's session…
    for (const kind of ["invoice", "packing-slip"]) {
      const res = await context.request.get(`/admin/orders/${order.id}/documents/${kind}`);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("application/pdf");
      expect(res.headers()["cache-control"]).toBe("private, no-store");
      expect(new TextDecoder().decode((await res.body()).subarray(0, 5))).toBe("%PDF-");
    }
    expect((await context.request.get(`/admin/orders/${order.id}/documents/receipt`)).status()).toBe(404);
    expect((await context.request.get("/admin/orders/no-such-order/documents/invoice")).status()).toBe(404);

    // …and nothing to a guest (401), a customer (403) or a seller: no invoice, and not another's order.
    const guest = (await newPage("desktop")).context;
    for (const kind of ["invoice", "packing-slip"]) {
      expect((await guest.request.get(`/admin/orders/${order.id}/documents/${kind}`)).status()).toBe(401);
    }
    const customer = await newPage("mobile");
    await signIn(customer.page, SHOPPER, "/account");
    for (const kind of ["invoice", "packing-slip"]) {
      const res = await customer.context.request.get(`/admin/orders/${order.id}/documents/${kind}`);
      expect(res.status()).toBe(403);
      expect(res.headers()["content-type"]).not.toBe("application/pdf");
    }
    // A seller: never an invoice; the packing slip of an order holding its lines, with those lines
    // only; another's order is a 404 (orders' seller scope).
    const seller = await newPage("desktop");
    await signIn(seller.page, SELLER, "/admin");
    expect((await seller.context.request.get(`/admin/orders/${order.id}/documents/invoice`)).status()).toBe(403);
    const sellerApi = await suite.client(SELLER);
    const ownId = await mixedSellerOrder();
    const own = (await sellerApi.orders.admin.list.query({ limit: 50 })).items.map((o) => o.id);
    expect(own).toContain(ownId);
    const slipStatus = (await seller.context.request.get(`/admin/orders/${order.id}/documents/packing-slip`)).status();
    expect(slipStatus).toBe(own.includes(order.id) ? 200 : 404);
    {
      const res = await seller.context.request.get(`/admin/orders/${ownId}/documents/packing-slip`);
      expect(res.status()).toBe(200);
      const text = await pdfText(new Uint8Array(await res.body()));
      const mine = (await sellerApi.orders.admin.byId.query({ orderId: ownId })).order.lines.map((l) => l.sku);
      const admin = await suite.client(ADMIN);
      const all = (await admin.orders.admin.byId.query({ orderId: ownId })).order.lines.map((l) => l.sku);
      expect(all).toHaveLength(2);
      expect(mine).toHaveLength(1);
      for (const sku of all) expect([sku, text.includes(`SKU ${sku}`)]).toEqual([sku, mine.includes(sku)]);
    }
  }, 240_000);
});

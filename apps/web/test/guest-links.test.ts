// Guest order links, the order lookup, prefetches and rate limits (#21), as a shopper's browser
// meets them on the whole platform (dev launcher, production web build): a guest orders and pays,
// the confirmation email's "View your order" (from the dev mailbox) opens the order in a FRESH
// browser context; an expired or altered link shows a clear page, not the order; the lookup page
// mails a fresh link (and says the same for a wrong email, mailing nothing); a burst of browsing
// (product pages and their images) leaves Add to cart working (no 429) under a small write limit;
// and a guest page load asks for no URL twice. Desktop and phone; screenshots in
// test-artifacts/guest-links.
import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { signAccessLink } from "../../orders/src/domain/access-link.ts";
import { allViolations } from "./axe.ts";
import { browserSuite } from "./browser-suite.ts";
import { ARTIFACTS, shot } from "./platform.ts";

const SUITE = "guest-links";
/** Known to the test so it can sign an expired link the way orders does (the launcher passes env on). */
const LINK_SECRET = `guest-links-test-secret-${crypto.randomUUID()}`;
/**
 * A small budget of writes (mutations) per client address: every request of this suite comes from
 * one address, so before reads and images had buckets of their own, the browsing burst alone
 * spent it and Add to cart was refused with 429.
 */
const WRITE_LIMIT = 60;

const suite = browserSuite(SUITE, {
  env: { ORDER_LINK_SECRET: LINK_SECRET, RATE_LIMIT_IP: String(WRITE_LIMIT) },
});

const VIEWPORTS = { desktop: { width: 1366, height: 900 }, mobile: { width: 390, height: 844 } } as const;
type ViewportName = keyof typeof VIEWPORTS;

interface Watched {
  context: BrowserContext;
  page: Page;
  /** Every response with its status (429s are looked for). */
  statuses: { url: string; status: number }[];
  /** Every request: method and URL. */
  requests: { method: string; url: string; headers: Record<string, string> }[];
}

/** A new, empty browser (no cookies, no storage): another device, as far as the shop can tell. */
async function freshBrowser(viewport: ViewportName): Promise<Watched> {
  const page = await suite.newPage("desktop", {
    viewport: VIEWPORTS[viewport],
    locale: "de-DE",
    ...(viewport === "mobile" ? { isMobile: true, hasTouch: true } : {}),
  });
  const context = page.context();
  const statuses: Watched["statuses"] = [];
  const requests: Watched["requests"] = [];
  page.on("request", (req) => requests.push({ method: req.method(), url: req.url(), headers: req.headers() }));
  page.on("response", (res) => statuses.push({ url: res.url(), status: res.status() }));
  return { context, page, statuses, requests };
}

async function addJacketToCart(page: Page): Promise<void> {
  await page.goto("/p/denim-trucker-jacket");
  await page.getByRole("button", { name: "Add to cart" }).click();
  const drawer = page.getByRole("dialog", { name: /Your cart/ });
  await drawer.getByTestId("cart-line").first().waitFor();
}

/** Orders the jacket as a guest and pays with the test card; the order's id and number. */
async function guestOrder(page: Page, email: string): Promise<{ orderId: string; number: string }> {
  await addJacketToCart(page);
  await page
    .getByRole("dialog", { name: /Your cart/ })
    .getByRole("link", { name: "Checkout" })
    .click();
  await page.waitForURL(/\/checkout$/);
  await page.getByLabel("Email").fill(email);
  await page.locator("input[name=shipping-name]").fill("Alex Guest");
  await page.locator("input[name=shipping-line1]").fill("Invalidenstraße 116");
  await page.locator("input[name=shipping-postalCode]").fill("10115");
  await page.locator("input[name=shipping-city]").fill("Berlin");
  await page.locator("select[name=shipping-country]").selectOption("DE");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await page.waitForURL(/\/checkout\/pay\//, { timeout: 60_000 });
  await page.getByLabel("Card number").waitFor({ timeout: 60_000 });
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: "Pay now" }).click();
  await page.waitForURL(/\/account\/orders\//, { timeout: 60_000 });
  await page.locator("[data-testid=payment-status][data-status=PAID]").first().waitFor({ timeout: 60_000 });
  const orderId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  const heading = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  return { orderId, number: heading.replace("Order ", "").trim() };
}

/** The "View your order" link of the newest email to `to` whose subject matches, from the dev mailbox. */
async function mailedOrderLink(page: Page, to: string, subject: RegExp): Promise<string> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    const row = page.getByTestId("mail-row").filter({ hasText: subject });
    if ((await row.count()) > 0) {
      await row.first().click();
      break;
    }
    if (Date.now() > deadline) throw new Error(`no email matching ${subject} to ${to}`);
    await Bun.sleep(500);
  }
  const frame = page.locator("iframe[srcdoc]");
  await frame.waitFor();
  const html = (await frame.getAttribute("srcdoc")) ?? "";
  const href = [...html.matchAll(/href="([^"]+)"/g)]
    .map((m) => (m[1] ?? "").replaceAll("&amp;", "&"))
    .find((h) => h.includes("/account/orders/") && h.includes("#link="));
  if (!href) throw new Error(`the email to ${to} has no order link`);
  // The path and fragment, opened at this platform's storefront.
  const url = new URL(href);
  return `${url.pathname}${url.hash}`;
}

async function expectOrderShown(page: Page, number: string): Promise<void> {
  await page.getByRole("heading", { level: 1, name: `Order ${number}` }).waitFor({ timeout: 30_000 });
  // The token left the address bar at once.
  expect(page.url()).not.toContain("link=");
}

async function expectNoSeriousA11yProblems(page: Page): Promise<void> {
  expect(await allViolations(page)).toEqual([]);
}

for (const viewport of ["desktop", "mobile"] as const) {
  describe(`${viewport}: guest order links`, () => {
    const email = `guest-link-${viewport}-${Date.now()}@example.com`;
    let order: { orderId: string; number: string };
    let emailed: string;

    test("a guest orders; the confirmation email's link opens the order in a fresh browser", async () => {
      const buyer = await freshBrowser(viewport);
      order = await guestOrder(buyer.page, email);
      emailed = await mailedOrderLink(buyer.page, email, new RegExp(`order ${order.number} is confirmed`));
      expect(emailed).toStartWith(`/account/orders/${order.orderId}#link=`);
      await shot(buyer.page, SUITE, `${viewport}-01-confirmation-email`);
      await buyer.context.close();

      const other = await freshBrowser(viewport);
      expect(await other.context.cookies()).toEqual([]);
      await other.page.goto(emailed);
      await expectOrderShown(other.page, order.number);
      await other.page.locator("[data-testid=payment-status][data-status=PAID]").first().waitFor();
      await shot(other.page, SUITE, `${viewport}-02-link-fresh-browser`);
      // The link became the order's HttpOnly cookie: scripts cannot read it, a reload keeps the order.
      const cookie = (await other.context.cookies()).find((c) => c.name === `mercato_order_${order.orderId}`);
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe("Lax");
      expect(await other.page.evaluate(() => document.cookie)).not.toContain("mercato_order_");
      // No request carried the token in its URL (it travels in the redeem POST's body only).
      const token = emailed.split("#link=")[1] ?? "";
      expect(other.requests.filter((r) => r.url.includes(token))).toEqual([]);
      await other.page.reload();
      await expectOrderShown(other.page, order.number);
      await expectNoSeriousA11yProblems(other.page);
      await other.context.close();
    }, 240_000);

    test("an altered or an expired link shows a clear page, not the order", async () => {
      const [path, token] = emailed.split("#link=") as [string, string];
      const [h, body, sig] = token.split(".") as [string, string, string];
      const altered = `${h}.${body}.${sig.startsWith("A") ? "B" : "A"}${sig.slice(1)}`;
      const stranger = await freshBrowser(viewport);
      await stranger.page.goto(`${path}#link=${altered}`);
      const refused = stranger.page.getByTestId("order-link-refused");
      await refused.waitFor();
      expect(await refused.getAttribute("data-reason")).toBe("invalid");
      await stranger.page.getByRole("heading", { name: "This order link does not work" }).waitFor();
      expect(await stranger.page.getByText(`Order ${order.number}`).count()).toBe(0);
      expect((await stranger.context.cookies()).some((c) => c.name.startsWith("mercato_order_"))).toBe(false);
      await shot(stranger.page, SUITE, `${viewport}-03-link-altered`);
      await expectNoSeriousA11yProblems(stranger.page);

      // Signed as orders signs, but 31 days ago for 30 days.
      const old = await signAccessLink(LINK_SECRET, order.orderId, 30 * 86_400, new Date(Date.now() - 31 * 86_400_000));
      // A new document (the same path with another fragment would only change the hash).
      await stranger.page.goto("/order-lookup");
      await stranger.page.goto(`${path}#link=${old.token}`);
      await stranger.page.getByRole("heading", { name: "This order link has expired" }).waitFor();
      expect(await stranger.page.getByText(`Order ${order.number}`).count()).toBe(0);
      await shot(stranger.page, SUITE, `${viewport}-04-link-expired`);
      // Its way out: the lookup page.
      await stranger.page.getByRole("link", { name: "Get a new link" }).click();
      await stranger.page.waitForURL(/\/order-lookup$/);
      await stranger.context.close();
    }, 120_000);

    test("the lookup page mails a fresh link that opens the order; a wrong email gets the same answer and no mail", async () => {
      const guest = await freshBrowser(viewport);
      await guest.page.goto("/order-lookup");
      await guest.page.getByRole("heading", { name: "Find your order" }).waitFor();
      await expectNoSeriousA11yProblems(guest.page);
      // A malformed number is refused on its field before anything is sent.
      await guest.page.getByLabel("Order number").fill("hello");
      await guest.page.getByLabel("Email").fill(email);
      await guest.page.getByRole("button", { name: "Email me a link" }).click();
      await guest.page.locator("#orderNumber-error").waitFor();
      expect(guest.requests.some((r) => r.url.includes("orders.lookup"))).toBe(false);
      await shot(guest.page, SUITE, `${viewport}-05-lookup-bad-number`);

      await guest.page.getByLabel("Order number").fill(order.number.toLowerCase());
      await guest.page.getByRole("button", { name: "Email me a link" }).click();
      const sent = guest.page.getByTestId("lookup-sent");
      await sent.waitFor();
      const answer = ((await sent.textContent()) ?? "").replace(email, "<email>");
      await shot(guest.page, SUITE, `${viewport}-06-lookup-sent`);
      await expectNoSeriousA11yProblems(guest.page);

      // The same words for an email that placed no such order.
      const wrong = `nobody-${viewport}-${Date.now()}@example.com`;
      await guest.page.getByRole("button", { name: "Look up another order" }).click();
      await guest.page.getByLabel("Order number").fill(order.number);
      await guest.page.getByLabel("Email").fill(wrong);
      await guest.page.getByRole("button", { name: "Email me a link" }).click();
      await sent.waitFor();
      expect(((await sent.textContent()) ?? "").replace(wrong, "<email>")).toBe(answer);

      const fresh = await mailedOrderLink(guest.page, email, new RegExp(`Your link to .* order ${order.number}`));
      expect(fresh).not.toBe(emailed);
      await shot(guest.page, SUITE, `${viewport}-07-lookup-email`);
      await guest.page.goto(`/dev/mailbox?to=${encodeURIComponent(wrong)}`);
      await guest.page.locator("main").waitFor();
      expect(await guest.page.getByTestId("mail-row").count()).toBe(0);
      await guest.context.close();

      const elsewhere = await freshBrowser(viewport);
      await elsewhere.page.goto(fresh);
      await expectOrderShown(elsewhere.page, order.number);
      await elsewhere.context.close();
    }, 180_000);

    test("the sign-in page and the order's not-found state lead to the lookup", async () => {
      const visitor = await freshBrowser(viewport);
      await visitor.page.goto("/account/sign-in");
      await visitor.page.getByRole("link", { name: "Ordered as a guest? Find your order" }).waitFor();
      await visitor.page.goto(`/account/orders/${order.orderId}`);
      await visitor.page.locator("#main").getByText("We cannot show this order").waitFor();
      await visitor.page.locator("#main").getByRole("link", { name: "get a new link" }).click();
      await visitor.page.waitForURL(/\/order-lookup$/);
      await visitor.context.close();
    }, 60_000);
  });
}

describe("browsing bursts and prefetches", () => {
  for (const viewport of ["desktop", "mobile"] as const) {
    test(`${viewport}: many product pages and images, then Add to cart still works (no 429)`, async () => {
      const shopper = await freshBrowser(viewport);
      const slugs: string[] = [];
      for (const listing of ["/", "/c/clothing", "/c/footwear"]) {
        await shopper.page.goto(listing);
        await shopper.page.getByTestId("product-card").first().waitFor();
        slugs.push(
          ...(await shopper.page
            .getByTestId("product-card")
            .evaluateAll((cards) => cards.map((c) => c.getAttribute("href") ?? "").filter((h) => h.startsWith("/p/")))),
        );
      }
      const pages = [...new Set(slugs)].slice(0, 20);
      expect(pages.length).toBeGreaterThanOrEqual(10);
      for (const href of pages) {
        await shopper.page.goto(href);
        await shopper.page.getByRole("heading", { level: 1 }).waitFor();
      }
      // And every image again, as a gallery or a slow network's retries would.
      const images = shopper.statuses.filter((s) => new URL(s.url).pathname.startsWith("/media/")).map((s) => s.url);
      expect(images.length).toBeGreaterThan(0);
      for (let round = 0; round < 3; round++) {
        for (const url of [...new Set(images)]) {
          const res = await shopper.page.request.get(url);
          expect(res.status()).toBe(200);
        }
      }
      await addJacketToCart(shopper.page);
      await shot(shopper.page, SUITE, `${viewport}-08-after-burst-added`);
      const refused = shopper.statuses.filter((s) => s.status === 429);
      expect(refused).toEqual([]);
      await shopper.context.close();
    }, 240_000);

    test(`${viewport}: a guest page load asks for no URL twice`, async () => {
      for (const path of ["/", "/c/clothing", "/p/denim-trucker-jacket", "/order-lookup"]) {
        const guest = await freshBrowser(viewport);
        await guest.page.goto(path);
        await guest.page.waitForLoadState("load");
        // Let idle-time prefetches (next/link, in the viewport) run. Not "networkidle": the
        // product page's live stock stream (SSE) stays open.
        await Bun.sleep(3_000);
        const seen = new Map<string, number>();
        for (const r of guest.requests) {
          // Next adds a cache-busting `_rsc` to each RSC request: two prefetches of one page
          // differ only there (a route tree, then its data), so it is not part of what is compared.
          const url = new URL(r.url);
          url.searchParams.delete("_rsc");
          const key = `${r.method} ${url.href}`;
          seen.set(key, (seen.get(key) ?? 0) + 1);
        }
        const twice = [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${n}× ${k}`);
        // The measurement, kept beside the screenshots (requests per page, before/after in the docs).
        const dir = join(ARTIFACTS, SUITE);
        mkdirSync(dir, { recursive: true });
        const name = path === "/" ? "home" : path.replaceAll("/", "_").replace(/^_/, "");
        writeFileSync(join(dir, `requests-${viewport}-${name}.json`), JSON.stringify(guest.requests, null, 2));
        console.log(`${viewport} ${path}: ${guest.requests.length} requests, ${twice.length} repeated`);
        expect({ path, twice }).toEqual({ path, twice: [] });
        await guest.context.close();
      }
    }, 180_000);
  }
});

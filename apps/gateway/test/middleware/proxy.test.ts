import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SERVICE_NAMES, type ServiceName } from "@mercato/registry";
import { GatewayMetrics } from "../../src/metrics.ts";
import { proxyMiddleware } from "../../src/middleware/proxy.ts";
import { createUpstreams, type Upstreams } from "../../src/upstreams.ts";
import { call, given, recordingLog, tinyApp } from "./helpers.ts";

let service: ReturnType<typeof Bun.serve>;

beforeAll(() => {
  // A service that tells what reached it, or takes its time when asked to.
  service = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const url = new URL(req.url);
      if (url.pathname === "/trpc/orders.slow") await Bun.sleep(2_000);
      return Response.json(
        {
          method: req.method,
          target: url.pathname + url.search,
          body: await req.text(),
          requestId: req.headers.get("x-request-id"),
          forwardedFor: req.headers.get("x-forwarded-for"),
          serviceToken: req.headers.get("x-service-token"),
          acceptEncoding: req.headers.get("accept-encoding"),
          ...(req.headers.has("x-mercato-client-ip") ? { webTierHeader: true } : {}),
        },
        { headers: { connection: "keep-alive", "x-from": "service" } },
      );
    },
  });
});

/** A tRPC-shaped service answering each call of a batch with what it got. */
let batchService: ReturnType<typeof Bun.serve>;
beforeAll(() => {
  batchService = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const url = new URL(req.url);
      const inputs = (await req.json()) as Record<string, unknown>;
      const calls = url.pathname.slice("/trpc/".length).split(",");
      const target = url.pathname + url.search;
      return Response.json(
        calls.map((_, i) => ({ result: { data: { target, position: i, input: inputs[String(i)] } } })),
      );
    },
  });
});

afterAll(() => {
  service?.stop(true);
  batchService?.stop(true);
});

/** One upstream per service; the ones under test point at `url`. */
function upstreamsAt(url: string, timeoutMs = 500): Upstreams {
  const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, [url]])) as Record<ServiceName, string[]>;
  return createUpstreams(urls, { timeoutMs, halfOpenAfterMs: 60_000 }, new GatewayMetrics(), recordingLog().log);
}

function proxiedApp(upstreams: Upstreams) {
  const app = tinyApp();
  app.use(
    given({ destination: { service: "orders", procedures: ["orders.get"], trpc: true }, clientIp: "203.0.113.7" }),
  );
  app.use(proxyMiddleware({ upstreams }));
  return app;
}

describe("proxy middleware", () => {
  test("forwards method, path, query and body to the routed service, with the request id and client address", async () => {
    const app = proxiedApp(upstreamsAt(service.url.origin));
    const res = await call(app, "/trpc/orders.get?batch=1", {
      method: "POST",
      headers: {
        "x-request-id": "req-7",
        "x-forwarded-for": "10.1.1.1",
        "x-service-token": "forged",
        "x-mercato-client-ip": "10.2.2.2",
        "accept-encoding": "br, gzip",
      },
      body: '{"0":{"json":{"id":"o1"}}}',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      method: "POST",
      target: "/trpc/orders.get?batch=1",
      body: '{"0":{"json":{"id":"o1"}}}',
      requestId: "req-7",
      // The client as the gateway decided it: what the client wrote is not passed on.
      forwardedFor: "203.0.113.7",
      // A service credential never enters from outside.
      serviceToken: null,
      // The gateway compresses for the client; the service sends its bytes as they are.
      acceptEncoding: "identity",
    });
    expect(res.headers.get("x-from")).toBe("service");
    expect(res.headers.get("connection")).toBeNull();
  });

  test("a batch let through in part forwards the kept calls only and answers the others at their positions", async () => {
    const app = tinyApp();
    app.use(
      given({
        destination: { service: "orders", procedures: ["orders.a", "orders.b", "orders.c"], trpc: true },
        clientIp: "203.0.113.7",
        batchPlan: {
          kept: [0, 2],
          inputs: { 0: { json: "A" }, 1: { json: "B" }, 2: { json: "C" } },
          refused: new Map([[1, { message: "Too many requests: try again in 9 s", retryAfterSeconds: 9 }]]),
        },
      }),
    );
    app.use(proxyMiddleware({ upstreams: upstreamsAt(batchService.url.origin) }));
    const res = await call(app, "/trpc/orders.a,orders.b,orders.c?batch=1", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"0":{"json":"A"},"1":{"json":"B"},"2":{"json":"C"}}',
    });
    expect(res.status).toBe(207);
    const body = (await res.json()) as unknown[];
    expect(body).toHaveLength(3);
    expect(body[0]).toEqual({
      result: { data: { target: "/trpc/orders.a,orders.c?batch=1", position: 0, input: { json: "A" } } },
    });
    expect(body[2]).toEqual({
      result: { data: { target: "/trpc/orders.a,orders.c?batch=1", position: 1, input: { json: "C" } } },
    });
    expect(body[1]).toMatchObject({
      error: {
        json: {
          message: "Too many requests: try again in 9 s",
          code: -32029,
          data: { code: "TOO_MANY_REQUESTS", httpStatus: 429, path: "orders.b" },
        },
      },
    });
  });

  test("a service that does not answer in time is a 504 naming it, within the timeout", async () => {
    const app = proxiedApp(upstreamsAt(service.url.origin, 300));
    const started = performance.now();
    const res = await call(app, "/trpc/orders.slow");
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({
      error: { message: "orders did not answer within 300 ms", code: "GATEWAY_TIMEOUT" },
    });
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  test("an unreachable service is a 503 naming it; after five failures the circuit opens", async () => {
    const stopped = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("never") });
    const url = stopped.url.origin;
    await stopped.stop(true);
    const upstreams = upstreamsAt(url);
    const app = proxiedApp(upstreams);
    for (let i = 0; i < 6; i++) {
      const res = await call(app, "/trpc/orders.get");
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: { message: "orders is unavailable" } });
    }
    expect(upstreams.get("orders")?.state).toBe(1); // CircuitState.Open
  });
});

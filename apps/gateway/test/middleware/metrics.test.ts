import { describe, expect, test } from "bun:test";
import { GatewayMetrics } from "../../src/metrics.ts";
import { metricsMiddleware } from "../../src/middleware/metrics.ts";
import { call, recordingLog, tinyApp } from "./helpers.ts";

describe("metrics middleware", () => {
  test("counts each request by the route kind and upstream the later steps set, and its status", async () => {
    const metrics = new GatewayMetrics();
    const { log } = recordingLog();
    const app = tinyApp(log);
    app.use(metricsMiddleware({ metrics, log }));
    app.get("/trpc/*", (c) => {
      c.set("route", "/trpc");
      c.set("upstream", "cart");
      return c.json({ ok: true });
    });
    app.get("*", (c) => c.json({ error: "no route" }, 404));

    await call(app, "/trpc/cart.get");
    await call(app, "/trpc/cart.get");
    await call(app, "/nowhere");

    const text = await metrics.text();
    expect(text).toContain(
      'gateway_requests_total{route="/trpc",upstream="cart",method="GET",status="200",service="gateway"} 2',
    );
    // Until a step knows better, a request is `other` going nowhere: a raw path never becomes a label.
    expect(text).toContain(
      'gateway_requests_total{route="other",upstream="none",method="GET",status="404",service="gateway"} 1',
    );
    expect(text).toContain('gateway_request_duration_seconds_count{service="gateway",route="/trpc",upstream="cart"} 2');
  });

  test("a 5xx answer is logged with the request id; other answers are not", async () => {
    const metrics = new GatewayMetrics();
    const { log, records } = recordingLog();
    const app = tinyApp(log);
    app.use(metricsMiddleware({ metrics, log }));
    app.get("/down", (c) => c.json({ error: "down" }, 503));
    app.get("/fine", (c) => c.json({ ok: true }));

    await call(app, "/fine");
    await call(app, "/down", { headers: { "x-request-id": "req-down" } });

    expect(records).toEqual([
      {
        level: "warn",
        args: [{ requestId: "req-down", method: "GET", path: "/down", status: 503 }, "request failed"],
      },
    ]);
  });
});

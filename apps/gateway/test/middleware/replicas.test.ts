import { afterEach, describe, expect, test } from "bun:test";
import { SERVICE_NAMES, type ServiceName } from "@mercato/registry";
import { CircuitState } from "cockatiel";
import { watchReplicas } from "../../src/health.ts";
import { GatewayMetrics } from "../../src/metrics.ts";
import { proxyMiddleware } from "../../src/middleware/proxy.ts";
import { createUpstreams, type Upstreams } from "../../src/upstreams.ts";
import { call, given, recordingLog, tinyApp } from "./helpers.ts";

/**
 * One service (orders) as two replicas behind the gateway's proxy (#26): requests are spread over
 * both, a replica that dies is stepped around without a failed request (even a mutation: it never
 * reached the dead one), one that is not ready is taken out by the probe, and both come back.
 */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function replica(name: string) {
  let ready = true;
  const start = (port = 0) =>
    Bun.serve({
      port,
      hostname: "127.0.0.1",
      fetch(req) {
        const path = new URL(req.url).pathname;
        if (path === "/ready") return ready ? Response.json({ status: "ready" }) : Response.json({}, { status: 503 });
        return Response.json({ replica: name, method: req.method });
      },
    });
  let server = start();
  const port = server.port;
  cleanups.push(() => server.stop(true));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => server.stop(true),
    restart: () => {
      server = start(port);
    },
    setReady: (r: boolean) => {
      ready = r;
    },
  };
}

function upstreamsAt(orders: string[]): Upstreams {
  const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, orders])) as Record<ServiceName, string[]>;
  return createUpstreams(urls, { timeoutMs: 2_000, halfOpenAfterMs: 60_000 }, new GatewayMetrics(), recordingLog().log);
}

function proxiedApp(upstreams: Upstreams) {
  const app = tinyApp();
  app.use(
    given({ destination: { service: "orders", procedures: ["orders.get"], trpc: true }, clientIp: "203.0.113.7" }),
  );
  app.use(proxyMiddleware({ upstreams }));
  return app;
}

async function replicasAnswering(app: ReturnType<typeof proxiedApp>, requests: number, method = "GET") {
  const seen: string[] = [];
  for (let i = 0; i < requests; i++) {
    const res = await call(app, "/trpc/orders.get", method === "GET" ? {} : { method, body: "{}" });
    expect(res.status).toBe(200);
    seen.push(((await res.json()) as { replica: string }).replica);
  }
  return seen;
}

describe("a service with two replicas behind the gateway", () => {
  test("requests go round both; a dead one is stepped around, mutations included, and used again when it answers", async () => {
    const a = replica("a");
    const b = replica("b");
    const upstreams = upstreamsAt([a.url, b.url]);
    const app = proxiedApp(upstreams);
    expect((await replicasAnswering(app, 4)).sort()).toEqual(["a", "a", "b", "b"]);

    b.stop();
    expect(await replicasAnswering(app, 4)).toEqual(["a", "a", "a", "a"]);
    expect(await replicasAnswering(app, 2, "POST")).toEqual(["a", "a"]);
    const orders = upstreams.get("orders");
    expect(orders?.replicas.health()[b.url]).toBe("down");
    // The dead replica was stepped around, not failed on: the service's breaker stays closed.
    expect(orders?.state).toBe(CircuitState.Closed);

    b.restart();
    // The probe finds it ready again and puts it back at once.
    const stopWatching = watchReplicas(upstreams, 50);
    cleanups.push(stopWatching);
    while (orders?.replicas.health()[b.url] !== "up") await Bun.sleep(20);
    expect((await replicasAnswering(app, 4)).sort()).toEqual(["a", "a", "b", "b"]);
  });

  test("a replica that answers but is not ready is taken out by the probe, and back in once ready", async () => {
    const a = replica("a");
    const b = replica("b");
    const upstreams = upstreamsAt([a.url, b.url]);
    const app = proxiedApp(upstreams);
    const orders = upstreams.get("orders");
    cleanups.push(watchReplicas(upstreams, 50));

    b.setReady(false);
    while (orders?.replicas.health()[b.url] !== "down") await Bun.sleep(20);
    expect(await replicasAnswering(app, 4)).toEqual(["a", "a", "a", "a"]);

    b.setReady(true);
    while (orders?.replicas.health()[b.url] !== "up") await Bun.sleep(20);
    expect((await replicasAnswering(app, 4)).sort()).toEqual(["a", "a", "b", "b"]);
  });
});

/**
 * The gateway's access log names the trace the gateway made (#28): the gateway as its own process
 * (real HTTP, its real stdout) exporting spans to a local OTLP receiver. A client's `traceparent`
 * is ignored there (a public client must not choose trace ids), so the line names the gateway's
 * root span's trace, not the client's; with tracing off, the header's is all there is.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  eventually,
  freePort,
  type OtlpReceiver,
  type RunningServer,
  type ServiceProcess,
  SPAN_KIND,
  spawnService,
  startNats,
  startOtlpReceiver,
  startRedis,
  tempDir,
} from "@mercato/testing";

const CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const CLIENT_TRACEPARENT = `00-${CLIENT_TRACE}-00f067aa0ba902b7-01`;

interface AccessLine {
  component?: string;
  requestId?: string;
  traceId?: string;
}

let nats: RunningServer;
let redis: RunningServer;
let receiver: OtlpReceiver;
const logs = tempDir("mercato-gateway-access-");
const gateways: ServiceProcess[] = [];

/** A gateway process logging at info into a file; `request` sends one and finds its access line. */
async function startGateway(name: string, env: Record<string, string>) {
  const logFile = join(logs.path, `${name}.log`);
  const gateway = await spawnService(
    "gateway",
    {
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(await freePort()),
      NATS_URL: nats.url,
      REDIS_URL: redis.url,
      LOG_LEVEL: "info",
      SHUTDOWN_TIMEOUT_MS: "1000",
      ...env,
    },
    { readyPath: "/ready", logFile },
  );
  gateways.push(gateway);
  const request = async (headers: Record<string, string>) => {
    const res = await fetch(`${gateway.url}/ready`, { headers });
    await res.arrayBuffer();
    const id = res.headers.get("x-request-id");
    expect(id).toBeTruthy();
    return eventually(async () =>
      readFileSync(logFile, "utf8")
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as AccessLine)
        .find((l) => l.component === "access" && l.requestId === id),
    );
  };
  return { request };
}

beforeAll(async () => {
  [nats, redis] = await Promise.all([startNats(), startRedis()]);
  receiver = startOtlpReceiver();
}, 30_000);

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.kill("SIGTERM")));
  await receiver?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
  logs.dispose();
}, 30_000);

describe("the gateway's access log trace id", () => {
  test("tracing on: the gateway's root span's trace, never the client's traceparent", async () => {
    const gateway = await startGateway("traced", {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_TRACES_SAMPLER: "parentbased_always_on",
    });
    const line = await gateway.request({ traceparent: CLIENT_TRACEPARENT });
    expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(line.traceId).not.toBe(CLIENT_TRACE);
    const spans = await receiver.waitFor((all) => all.some((s) => s.traceId === line.traceId));
    const root = spans.find((s) => s.traceId === line.traceId);
    expect(root).toMatchObject({ service: "gateway", kind: SPAN_KIND.server, parentSpanId: undefined });
    expect(spans.some((s) => s.traceId === CLIENT_TRACE)).toBe(false);
  }, 60_000);

  test("tracing off: the incoming traceparent's trace", async () => {
    const gateway = await startGateway("untraced", {});
    expect((await gateway.request({ traceparent: CLIENT_TRACEPARENT })).traceId).toBe(CLIENT_TRACE);
    expect((await gateway.request({})).traceId).toBeUndefined();
  }, 60_000);
});

/**
 * The access log's trace id (#28): a kit service as its own process (real HTTP, its real stdout),
 * once exporting spans to a local OTLP receiver and once with tracing off. Traced, each line names
 * the trace of the request's SERVER span (also for a request that came without a `traceparent`);
 * untraced, the incoming `traceparent`'s trace, or none.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  eventually,
  type OtlpReceiver,
  type RunningServer,
  SPAN_KIND,
  startNats,
  startOtlpReceiver,
  startRedis,
  startTestIssuer,
  type TestIssuer,
  tempDir,
  testServiceEnv,
  waitForHttp,
} from "@mercato/testing";

const MAIN = fileURLToPath(new URL("./fixtures/demo-main.ts", import.meta.url));
const INCOMING_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const INCOMING = `00-${INCOMING_TRACE}-00f067aa0ba902b7-01`;

interface AccessLine {
  component?: string;
  path?: string;
  requestId?: string;
  traceId?: string;
}

let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
let receiver: OtlpReceiver;
const logs = tempDir("mercato-access-trace-");
const stops: (() => Promise<void>)[] = [];

/** demo-main.ts as a process logging at info into a file; its URL and its access lines. */
async function startDemo(name: string, env: Record<string, string>) {
  const base = await testServiceEnv({ service: "demo", nats, redis, issuer });
  const logFile = join(logs.path, `${name}.log`);
  const proc = Bun.spawn(["bun", MAIN], {
    env: { ...process.env, ...base.env, LOG_LEVEL: "info", ...env },
    stdout: Bun.file(logFile),
    stderr: "ignore",
  });
  const url = `http://127.0.0.1:${base.env.PORT}`;
  stops.push(async () => {
    proc.kill("SIGTERM");
    await proc.exited;
    base.dispose();
  });
  await waitForHttp(`${url}/ready`, 30_000);
  const accessLines = (): AccessLine[] =>
    readFileSync(logFile, "utf8")
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as AccessLine)
      .filter((l) => l.component === "access");
  /** Sends a request and waits for its access line (found by the request id it answered with). */
  const request = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, { headers });
    await res.arrayBuffer();
    const id = res.headers.get("x-request-id");
    expect(id).toBeTruthy();
    return eventually(async () => accessLines().find((l) => l.requestId === id));
  };
  return { request };
}

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  receiver = startOtlpReceiver();
}, 30_000);

afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
  await receiver?.stop();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
  logs.dispose();
});

describe("the access log's trace id", () => {
  test("with tracing on, it is the request's SERVER span's trace, with or without an incoming traceparent", async () => {
    const demo = await startDemo("traced", {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_TRACES_SAMPLER: "parentbased_always_on",
    });
    const serverSpan = (path: string) =>
      receiver
        .waitFor((spans) => spans.some((s) => s.kind === SPAN_KIND.server && s.attributes["url.path"] === path))
        .then((spans) => spans.find((s) => s.kind === SPAN_KIND.server && s.attributes["url.path"] === path));

    // No traceparent: the line still names a trace, the one the service exported.
    const bare = await demo.request("/health");
    expect(bare.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect((await serverSpan("/health"))?.traceId).toBe(bare.traceId);

    // A caller's traceparent: the service continues that trace, and the line says so.
    const continued = await demo.request("/no-such-route", { traceparent: INCOMING });
    const span = await serverSpan("/no-such-route");
    expect(span?.traceId).toBe(INCOMING_TRACE);
    expect(span?.parentSpanId).toBe("00f067aa0ba902b7");
    expect(continued.traceId).toBe(INCOMING_TRACE);
  }, 60_000);

  test("with tracing off, it is the incoming traceparent's trace, or none", async () => {
    const demo = await startDemo("untraced", {});
    expect((await demo.request("/health", { traceparent: INCOMING })).traceId).toBe(INCOMING_TRACE);
    const bare = await demo.request("/health");
    expect(bare.path).toBe("/health");
    expect(bare.traceId).toBeUndefined();
    expect((await demo.request("/health", { traceparent: "not-a-traceparent" })).traceId).toBeUndefined();
  }, 60_000);
});

import { afterAll, beforeAll, expect, test } from "bun:test";
import {
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  type TestIssuer,
} from "@mercato/testing";
import { metricNameOf } from "../src/index.ts";
import { demoService } from "./fixtures/demo-service.ts";

let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
let demo: Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof demoService.run>>>>>;

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  demo = await startTestService(demoService, { service: "demo", nats, redis, issuer });
}, 60_000);

afterAll(async () => {
  await demo?.dispose();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

test("/metrics serves process, readiness and system gauges, every name in METRIC_NAMES", async () => {
  const res = await fetch(`${demo.url}/metrics`);
  expect(res.status).toBe(200);
  const text = await res.text();
  const names = new Set(
    text
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.split(/[{ ]/, 1)[0] ?? ""),
  );
  for (const name of names) expect({ name, listed: Boolean(metricNameOf(name)) }).toEqual({ name, listed: true });
  for (const wanted of [
    "process_resident_memory_bytes",
    "nodejs_eventloop_lag_p99_seconds",
    "process_gc_runs_total",
    "process_open_fds",
    "mercato_outbox_pending_rows",
    "mercato_outbox_oldest_pending_age_seconds",
  ]) {
    expect(names.has(wanted)).toBe(true);
  }
  expect(text).toMatch(/mercato_ready\{[^}]*check="nats"[^}]*\} 1/);
  expect(text).toMatch(/mercato_system_stats_up\{[^}]*reader="outbox"[^}]*\} 1/);
}, 60_000);

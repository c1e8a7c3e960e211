/**
 * The consumer-lag alert, live (#28): payments (a real service, in this process) on the harness's
 * own NATS, and Debian's real Prometheus scraping its /metrics every second with the alert rules
 * of deploy/prometheus/rules.yml (the same expressions; only each `for:` shortened, by rewriting
 * the parsed file). Payments' consumer is stopped, identity publishes past the rule's threshold,
 * and Prometheus' own API shows the lag series rise and ConsumerLagging fire; consumption
 * restarted, the lag drains and the alert clears.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { EventBus, streamFor, UserDeleted } from "@mercato/events";
import { eventually, freePort, type NatsServer, startPlatform, type TestPlatform, tempDir } from "@mercato/testing";
import {
  RULES_FILE,
  type RunningPrometheus,
  startPrometheus,
  writePrometheusFiles,
} from "../../../deploy/prometheus/launch.ts";
import { createLogger } from "../src/index.ts";

/** What each alert must hold for before it fires, here (the real rules wait minutes). */
const SHORT_FOR = "2s";
const LAG_ALERT = "ConsumerLagging";
const DURABLE = "payments-identity";
/** More than the rule's threshold (100). */
const PUBLISHED = 150;

interface AlertingRule {
  alert?: string;
  expr: string;
  for?: string;
}
interface RulesFile {
  groups: { name: string; rules: AlertingRule[] }[];
}

/** rules.yml with every `for:` shortened to `duration`; each expression as it is. */
function withShortFor(text: string, duration: string): { text: string; rules: AlertingRule[] } {
  const parsed = Bun.YAML.parse(text) as RulesFile;
  const groups = parsed.groups.map((g) => ({
    ...g,
    rules: g.rules.map((r) => (r.for ? { ...r, for: duration } : r)),
  }));
  return { text: Bun.YAML.stringify({ groups }, null, 2), rules: parsed.groups.flatMap((g) => g.rules) };
}

const real = withShortFor(readFileSync(RULES_FILE, "utf8"), SHORT_FOR);
const lagRule = real.rules.find((r) => r.alert === LAG_ALERT);

let platform: TestPlatform<"payments", "payments">;
let prometheus: RunningPrometheus;
let identity: EventBus;
const dir = tempDir("mercato-prometheus-");

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}
interface Alert {
  labels: Record<string, string>;
  state: "pending" | "firing";
  value: string;
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${prometheus.url}/api/v1/${path}`);
  const body = (await res.json()) as { status: string; data: T; error?: string };
  if (body.status !== "success") throw new Error(`prometheus ${path}: ${body.error}`);
  return body.data;
}

/** The lag Prometheus last scraped for payments' durable consumer of identity's events, if any. */
async function scrapedLag(): Promise<number | undefined> {
  const data = await api<{ result: Sample[] }>(
    `query?query=${encodeURIComponent(`mercato_consumer_pending_messages{durable="${DURABLE}"}`)}`,
  );
  const [sample] = data.result;
  return sample ? Number(sample.value[1]) : undefined;
}

async function lagAlert(): Promise<Alert | undefined> {
  const { alerts } = await api<{ alerts: Alert[] }>("alerts");
  return alerts.find((a) => a.labels.alertname === LAG_ALERT && a.labels.durable === DURABLE);
}

beforeAll(async () => {
  platform = await startPlatform({ services: ["payments"], inProcess: ["payments"] });
  // Identity's own NATS user (it may publish only identity's events); its stream exists now.
  identity = await EventBus.connect(
    (platform.nats as NatsServer).urlFor("identity"),
    "identity",
    createLogger("lag-alert-test", "silent"),
  );
  const configFile = writePrometheusFiles(
    dir.path,
    {
      scrapeInterval: "1s",
      evaluationInterval: "1s",
      targets: [{ job: "payments", target: new URL(platform.urls.payments).host }],
    },
    real.text,
  );
  prometheus = await startPrometheus({ configFile, dataDir: dir.path, port: await freePort() });
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
  await identity?.close();
  await platform?.dispose();
  dir.dispose();
});

describe("ConsumerLagging, evaluated by Prometheus", () => {
  test("loads the real expression from rules.yml", async () => {
    expect(lagRule?.expr).toContain("mercato_consumer_pending_messages");
    const { groups } = await api<{ groups: { rules: { name: string; query: string; duration: number }[] }[] }>(
      "rules?type=alert",
    );
    const loaded = groups.flatMap((g) => g.rules).find((r) => r.name === LAG_ALERT);
    // Prometheus prints the query in its own canonical form: compare it with the file's, parsed alike.
    expect(loaded?.query.replace(/\s+/g, "")).toBe(lagRule?.expr.trim().replace(/\s+/g, ""));
    expect(loaded?.duration).toBe(2);
  });

  test("a stopped consumer's lag is scraped, the alert fires, and clears once it consumes again", async () => {
    const payments = platform.inProcess.payments;
    // Scraped while healthy: the series exists and nothing is waiting.
    expect(await eventually(async () => (await scrapedLag()) === 0, 30_000)).toBe(true);
    expect(await lagAlert()).toBeUndefined();

    await payments.consumers.stop();
    for (let i = 0; i < PUBLISHED; i++) {
      await identity.publish(UserDeleted, {
        userId: `lag-${i}`,
        email: `lag-${i}@example.com`,
        deletedAt: new Date().toISOString(),
      });
    }
    // As JetStream counts it (asked as payments, whose consumer it is).
    const info = await payments.deps.bus.jsm.consumers.info(streamFor("identity"), DURABLE);
    expect(info.num_pending).toBe(PUBLISHED);

    // The lag as Prometheus scraped it from payments' /metrics, then the rule's verdict.
    expect(await eventually(async () => (await scrapedLag()) === PUBLISHED, 30_000)).toBe(true);
    const firing = await eventually(async () => {
      const alert = await lagAlert();
      return alert?.state === "firing" && alert;
    }, 30_000);
    expect(firing.labels).toMatchObject({ service: "payments", durable: DURABLE, severity: "warn" });
    expect(Number(firing.value)).toBe(PUBLISHED);

    await payments.consumers.start();
    expect(await eventually(async () => (await scrapedLag()) === 0, 30_000)).toBe(true);
    expect(await eventually(async () => (await lagAlert()) === undefined, 30_000)).toBe(true);
    const drained = await payments.deps.bus.jsm.consumers.info(streamFor("identity"), DURABLE);
    expect(drained.num_pending).toBe(0);
  }, 120_000);
});

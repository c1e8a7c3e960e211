// `bun dev`: starts the whole platform with demo data.
// Ensures NATS (JetStream) and Redis (starting local ones under .data/ when none answer), runs
// every service (each migrates and seeds its own database), the gateway and the storefront,
// with prefixed coloured logs; waits for every /ready; places the demo orders through the gateway
// (scripts/demo-orders.ts, once); prints the URLs and demo logins.
// `bun dev --observe` also runs Prometheus (Debian's, `source scripts/ensure-tools.sh --observe`)
// scraping every service and the gateway's metrics port with deploy/prometheus/rules.yml, data in
// .data/prometheus.
// Ctrl-C stops everything it started.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GATEWAY, SERVICE_NAMES, type ServiceName, serviceEntry, WEB } from "@mercato/registry";
import { type Subprocess, spawn } from "bun";
import { DEV_GATEWAY_METRICS_PORT } from "../deploy/prometheus/config.ts";
import { prometheusArgs, writePrometheusFiles } from "../deploy/prometheus/launch.ts";
import {
  NATS_USERS,
  natsConnectOptions,
  natsPasswordEnv,
  natsServerConfig,
  natsUrlWithCredentials,
  platformNatsUsers,
} from "../packages/events/src/nats-auth.ts";
import { generateServiceKeySet, type ServiceKeySet } from "../packages/kit/src/service-keys.ts";
import { placeDemoOrders } from "./demo-orders.ts";
import {
  envFor,
  GATEWAY_METRICS_PORT,
  GATEWAY_PORT,
  PORT_OFFSET,
  PROMETHEUS_PORT,
  presentServices,
  ROOT,
  serviceUrls,
  WEB_PORT,
} from "./services.ts";

const dataDir = process.env.MERCATO_DATA_DIR ?? join(ROOT, ".data");
/** "dev" (next dev, hot reload) or "start" (the production build, for browser tests and benchmarks). */
const webMode = process.env.MERCATO_WEB_MODE === "start" ? "start" : "dev";
mkdirSync(dataDir, { recursive: true });
/** `bun dev --observe`: Prometheus beside the platform. */
const observe = process.argv.includes("--observe");
const natsUrl = process.env.NATS_URL ?? "nats://127.0.0.1:4222";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const COLORS = [31, 32, 33, 34, 35, 36, 91, 92, 93, 94, 95, 96];
const children: { name: string; proc: Subprocess }[] = [];

interface DevSecrets {
  /** Shared by the gateway and the storefront's server (it signs the shopper's address). */
  webTierSecret: string;
  authSecret: string;
  /** Each NATS user's password (`NATS_PASSWORD_ORDERS`...). */
  natsPasswords: Record<string, string>;
}

/** Secrets for this checkout's development platform, generated once and kept under .data/. */
function devSecrets(): DevSecrets {
  const file = join(dataDir, "dev-secrets.json");
  const random = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  const kept: Partial<DevSecrets> & { serviceSecret?: string } = existsSync(file)
    ? JSON.parse(readFileSync(file, "utf8"))
    : {};
  const natsPasswords = { ...kept.natsPasswords };
  for (const user of NATS_USERS) {
    // Passwords from the environment win (a NATS someone else runs with these users).
    natsPasswords[natsPasswordEnv(user)] =
      process.env[natsPasswordEnv(user)] ?? natsPasswords[natsPasswordEnv(user)] ?? random();
  }
  const secrets = {
    // A checkout's older dev-secrets.json had a shared service secret; the web tier's came from it.
    webTierSecret:
      kept.webTierSecret ??
      (kept.serviceSecret
        ? new Bun.CryptoHasher("sha256").update(`web-tier:${kept.serviceSecret}`).digest("hex")
        : random()),
    authSecret: kept.authSecret ?? random(),
    natsPasswords,
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/** What a process connects to NATS with: the launcher's URL with that user's credentials. */
function natsUrlAs(user: string, secrets: DevSecrets): string {
  const password = secrets.natsPasswords[natsPasswordEnv(user)];
  return password ? natsUrlWithCredentials(natsUrl, user, password) : natsUrl;
}

async function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  try {
    const socket = await Bun.connect({ hostname, port: Number(port), socket: { data() {} } });
    socket.end();
    return true;
  } catch {
    return false;
  }
}

function pipeLogs(name: string, color: number, stream: ReadableStream<Uint8Array>) {
  const prefix = `\x1b[${color}m${name.padEnd(13)}\x1b[0m│ `;
  void (async () => {
    let buffered = "";
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) console.log(prefix + pretty(line));
    }
  })();
}

/** pino JSON → "INFO message key=value"; anything else passes through. */
function pretty(line: string): string {
  if (!line.startsWith("{")) return line;
  try {
    const { level, msg, time: _t, service: _s, pid: _p, hostname: _h, ...rest } = JSON.parse(line);
    const names: Record<number, string> = {
      10: "TRACE",
      20: "DEBUG",
      30: "INFO",
      40: "WARN",
      50: "ERROR",
      60: "FATAL",
    };
    const extra = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(" ");
    return `${names[level] ?? level} ${msg ?? ""} ${extra}`.trim();
  } catch {
    return line;
  }
}

/**
 * Starts a child. Each one leads its own process group (`detached`), so a stop reaches what it
 * started too: `next dev` forks a server that was left running, orphaned, after `bun dev` stopped.
 */
function run(name: string, cmd: string[], env: Record<string, string>, cwd = ROOT): Subprocess {
  const color = COLORS[children.length % COLORS.length]!;
  const proc = spawn(cmd, { cwd, env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe", detached: true });
  pipeLogs(name, color, proc.stdout);
  pipeLogs(name, color, proc.stderr);
  children.push({ name, proc });
  void proc.exited.then((code) => {
    if (!shuttingDown) console.log(`\x1b[31m${name} exited with code ${code}\x1b[0m`);
  });
  return proc;
}

async function ensureInfra(secrets: DevSecrets) {
  const natsAddress = natsConnectOptions(natsUrl).servers;
  if (!(await answers(natsAddress))) {
    const port = Number(new URL(natsAddress).port || "4222");
    console.log(
      `No NATS at ${natsAddress}: starting nats-server (JetStream, one user per service) with data in .data/nats`,
    );
    // As in production: every service and the gateway has its own user and subjects (nats-auth.ts).
    const config = join(dataDir, "nats.conf");
    const users = platformNatsUsers(secrets.natsPasswords);
    writeFileSync(config, natsServerConfig({ users, host: "127.0.0.1", port, storeDir: join(dataDir, "nats") }), {
      mode: 0o600,
    });
    run("nats", ["nats-server", "-c", config], {});
  }
  if (!(await answers(redisUrl))) {
    const port = new URL(redisUrl).port || "6379";
    console.log(`No Redis at ${redisUrl}: starting redis-server with data in .data/redis`);
    mkdirSync(join(dataDir, "redis"), { recursive: true });
    run("redis", ["redis-server", "--port", port, "--bind", "127.0.0.1", "--dir", join(dataDir, "redis")], {});
  }
  const deadline = Date.now() + 15_000;
  while (!((await answers(natsAddress)) && (await answers(redisUrl)))) {
    if (Date.now() > deadline) throw new Error("NATS or Redis did not start within 15 s");
    await Bun.sleep(100);
  }
}

async function waitReady(name: string, url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  const child = children.find((c) => c.name === name);
  for (;;) {
    if (child && child.proc.exitCode !== null)
      throw new Error(`${name} exited (code ${child.proc.exitCode}) before it was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${name} did not become ready at ${url} within ${timeoutMs / 1000} s`);
    await Bun.sleep(200);
  }
}

/** Signals a child's whole process group (see `run`), or the child alone if the group is gone. */
function stop(child: { proc: Subprocess }, signal: NodeJS.Signals) {
  try {
    process.kill(-child.proc.pid, signal);
  } catch {
    child.proc.kill(signal);
  }
}

let shuttingDown = false;
let demoOrders: Promise<void> = Promise.resolve();
async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log("\nStopping…");
  // Apps first, infrastructure last, so services can drain their outboxes.
  const infra = new Set(["nats", "redis"]);
  const apps = children.filter((c) => !infra.has(c.name));
  for (const c of apps) stop(c, "SIGTERM");
  await Promise.race([Promise.all(apps.map((c) => c.proc.exited)), Bun.sleep(15_000)]);
  for (const c of children.filter((c) => infra.has(c.name))) stop(c, "SIGTERM");
  await Promise.race([Promise.all(children.map((c) => c.proc.exited)), Bun.sleep(5_000)]);
  // Every group, not only live leaders: a leader that exited may have left its children behind.
  for (const c of children) stop(c, "SIGKILL");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());

/**
 * Prometheus on this machine's dev ports (the generated config with every target at 127.0.0.1,
 * shifted by MERCATO_PORT_OFFSET) and the real alert rules. Answers its URL.
 */
async function startPrometheus(): Promise<string> {
  const dir = join(dataDir, "prometheus");
  mkdirSync(dir, { recursive: true });
  const configFile = writePrometheusFiles(dir, {
    host: "127.0.0.1",
    offset: PORT_OFFSET,
    gatewayMetricsPort: DEV_GATEWAY_METRICS_PORT,
  });
  run("prometheus", prometheusArgs({ configFile, dataDir: dir, port: PROMETHEUS_PORT }), {});
  const url = `http://127.0.0.1:${PROMETHEUS_PORT}`;
  await waitReady("prometheus", `${url}/-/ready`, 30_000);
  return url;
}

try {
  // Before anything starts: a missing binary is a sentence, not a half-started platform.
  if (observe) prometheusArgs({ configFile: "", dataDir: "", port: PROMETHEUS_PORT });
  const secrets = devSecrets();
  await ensureInfra(secrets);
  // First, so it also sees the platform start (ServiceNotReady until each service answers).
  const prometheus = observe ? await startPrometheus() : undefined;
  if (prometheus) console.log(`Prometheus at ${prometheus}`);
  const { webTierSecret } = secrets;
  // One Ed25519 key pair per service (and the ops tools), made for this run and never written
  // down: each service gets only its own private key (service-keys.ts in the kit).
  // A test harness may hand in its own key set (MERCATO_SERVICE_KEYS, JSON) to sign as a service.
  const serviceKeys: ServiceKeySet = process.env.MERCATO_SERVICE_KEYS
    ? (JSON.parse(process.env.MERCATO_SERVICE_KEYS) as ServiceKeySet)
    : generateServiceKeySet([...SERVICE_NAMES, "ops"]);
  const services = presentServices();
  const startInstance = (name: ServiceName, port: number, label: string) =>
    run(
      label,
      ["bun", join("apps", name, "src", "main.ts")],
      envFor(name, { natsUrl: natsUrlAs(name, secrets), redisUrl, dataDir, serviceKeys, ...secrets }, port),
    );
  for (const s of services) startInstance(s.name, s.port, s.name);
  await Promise.all(services.map((s) => waitReady(s.name, `http://127.0.0.1:${s.port}/ready`)));
  // REPLICAS / REPLICAS_<NAME>: the further instances of a service on the same database, once the
  // first has applied its migrations (#26).
  const more = services.flatMap((s) => s.ports.slice(1).map((port, i) => ({ s, port, label: `${s.name}#${i + 2}` })));
  for (const m of more) startInstance(m.s.name, m.port, m.label);
  await Promise.all(more.map((m) => waitReady(m.label, `http://127.0.0.1:${m.port}/ready`)));

  const urls = [];
  if (existsSync(join(ROOT, "apps", GATEWAY.name, "src/main.ts"))) {
    run(GATEWAY.name, ["bun", join("apps", GATEWAY.name, "src/main.ts")], {
      ...serviceUrls(),
      CORS_ORIGINS: `http://localhost:${WEB_PORT},http://127.0.0.1:${WEB_PORT}`,
      PORT: String(GATEWAY_PORT),
      METRICS_PORT: String(GATEWAY_METRICS_PORT),
      WEB_TIER_SECRET: webTierSecret,
      NATS_URL: natsUrlAs(GATEWAY.name, secrets),
      REDIS_URL: redisUrl,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    });
    await waitReady(GATEWAY.name, `http://127.0.0.1:${GATEWAY_PORT}/health`);
    // Real demo orders, through the saga like a shopper's (beside the storefront's start-up).
    demoOrders = placeDemoOrders({
      gatewayUrl: `http://127.0.0.1:${GATEWAY_PORT}`,
      identityUrl: serviceUrls()[serviceEntry("identity").urlEnv]!.split(",")[0]!,
      log: (line) => console.log(`\x1b[2mdemo orders  │ ${line}\x1b[0m`),
    }).then(
      ({ placed, existing }) => console.log(`demo orders: ${placed.length} placed, ${existing} already there`),
      (err: unknown) =>
        console.log(
          `\x1b[33mdemo orders: not placed (${err instanceof Error ? err.message : String(err)}); the shop runs without them\x1b[0m`,
        ),
    );
    urls.push(
      `  API gateway   http://localhost:${GATEWAY_PORT}   (health: /health, metrics: :${GATEWAY_METRICS_PORT}/metrics)`,
    );
  }
  // MERCATO_DEV_WEB=off: the platform without the storefront (scripts/check-dev-replicas.ts).
  if (process.env.MERCATO_DEV_WEB !== "off" && existsSync(join(ROOT, "apps", WEB.name, "package.json"))) {
    run(
      WEB.name,
      ["bun", "--bun", "next", webMode, "--port", String(WEB_PORT)],
      {
        [GATEWAY.urlEnv]: serviceUrls()[GATEWAY.urlEnv]!,
        // The gateway's internal port: the system health page reads its breakers there.
        GATEWAY_INTERNAL_URL: `http://127.0.0.1:${GATEWAY_METRICS_PORT}`,
        WEB_TIER_SECRET: webTierSecret,
        NODE_ENV: webMode === "start" ? "production" : "development",
        MAILBOX_API: "true",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      join(ROOT, "apps", WEB.name),
    );
    await waitReady(WEB.name, `http://127.0.0.1:${WEB_PORT}/`, 120_000);
    urls.unshift(`  Storefront    http://localhost:${WEB_PORT}`, `  Admin         http://localhost:${WEB_PORT}/admin`);
  }
  for (const s of services) {
    const at = s.ports.map((port) => `http://127.0.0.1:${port}`).join(", ");
    urls.push(`  ${s.name.padEnd(13)} ${at}   (/ready, /metrics, /trpc)`);
  }
  if (prometheus) {
    urls.push(
      `  Prometheus    ${prometheus}   (alerts: /alerts, targets: /targets; rules: deploy/prometheus/rules.yml)`,
    );
  }
  await demoOrders;

  console.log(`
\x1b[1;32mMercato is running.\x1b[0m
${urls.join("\n")}

  Demo logins   admin@mercato.dev / mercato-admin-1      (superadmin)
                shopper@mercato.dev / mercato-shopper-1  (customer)
                <role>@mercato.dev / mercato-<role>-1    (staff: shopadmin, manager, support,
                fulfilment, editor, moderator, seller; see README)
  Test cards    4242 4242 4242 4242 succeeds · 4000 0000 0000 0002 declined
                4000 0000 0000 9995 insufficient funds · 4000 0000 0000 3220 extra step
  Dev mailbox   http://localhost:${WEB_PORT}/dev/mailbox

Ctrl-C stops everything this launcher started.`);
} catch (err) {
  console.error(`\x1b[31m${err instanceof Error ? err.message : String(err)}\x1b[0m`);
  await shutdown(1);
}

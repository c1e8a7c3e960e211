// `bun dev`: starts the whole platform with demo data.
// Ensures NATS (JetStream) and Redis (starting local ones under .data/ when none answer), runs
// every service (each migrates and seeds its own database), the gateway and the storefront,
// with prefixed coloured logs; waits for every /ready; prints the URLs and demo logins.
// Ctrl-C stops everything it started.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GATEWAY, WEB } from "@mercato/registry";
import { type Subprocess, spawn } from "bun";
import {
  envFor,
  GATEWAY_METRICS_PORT,
  GATEWAY_PORT,
  presentServices,
  ROOT,
  serviceUrls,
  WEB_PORT,
} from "./services.ts";

const dataDir = process.env.MERCATO_DATA_DIR ?? join(ROOT, ".data");
/** "dev" (next dev, hot reload) or "start" (the production build, for browser tests and benchmarks). */
const webMode = process.env.MERCATO_WEB_MODE === "start" ? "start" : "dev";
mkdirSync(dataDir, { recursive: true });
const natsUrl = process.env.NATS_URL ?? "nats://127.0.0.1:4222";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const COLORS = [31, 32, 33, 34, 35, 36, 91, 92, 93, 94, 95, 96];
const children: { name: string; proc: Subprocess }[] = [];

/** Secrets for this checkout's development platform, generated once and kept under .data/. */
function devSecrets(): { serviceSecret: string; authSecret: string } {
  const file = join(dataDir, "dev-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const random = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  const secrets = { serviceSecret: random(), authSecret: random() };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
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

function run(name: string, cmd: string[], env: Record<string, string>, cwd = ROOT): Subprocess {
  const color = COLORS[children.length % COLORS.length]!;
  const proc = spawn(cmd, { cwd, env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  pipeLogs(name, color, proc.stdout);
  pipeLogs(name, color, proc.stderr);
  children.push({ name, proc });
  void proc.exited.then((code) => {
    if (!shuttingDown) console.log(`\x1b[31m${name} exited with code ${code}\x1b[0m`);
  });
  return proc;
}

async function ensureInfra() {
  if (!(await answers(natsUrl))) {
    const port = new URL(natsUrl).port || "4222";
    console.log(`No NATS at ${natsUrl}: starting nats-server (JetStream) with data in .data/nats`);
    run("nats", ["nats-server", "-a", "127.0.0.1", "-p", port, "-js", "-sd", join(dataDir, "nats")], {});
  }
  if (!(await answers(redisUrl))) {
    const port = new URL(redisUrl).port || "6379";
    console.log(`No Redis at ${redisUrl}: starting redis-server with data in .data/redis`);
    mkdirSync(join(dataDir, "redis"), { recursive: true });
    run("redis", ["redis-server", "--port", port, "--bind", "127.0.0.1", "--dir", join(dataDir, "redis")], {});
  }
  const deadline = Date.now() + 15_000;
  while (!((await answers(natsUrl)) && (await answers(redisUrl)))) {
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

let shuttingDown = false;
async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log("\nStopping…");
  // Apps first, infrastructure last, so services can drain their outboxes.
  const infra = new Set(["nats", "redis"]);
  const apps = children.filter((c) => !infra.has(c.name));
  for (const c of apps) c.proc.kill("SIGTERM");
  await Promise.race([Promise.all(apps.map((c) => c.proc.exited)), Bun.sleep(15_000)]);
  for (const c of children.filter((c) => infra.has(c.name))) c.proc.kill("SIGTERM");
  await Promise.race([Promise.all(children.map((c) => c.proc.exited)), Bun.sleep(5_000)]);
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill("SIGKILL");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());

try {
  await ensureInfra();
  const secrets = devSecrets();
  // Shared by the gateway and the storefront's server (it signs the shopper's address); derived
  // from the kept secret, so an existing .data/dev-secrets.json needs nothing new.
  const webTierSecret = new Bun.CryptoHasher("sha256").update(`web-tier:${secrets.serviceSecret}`).digest("hex");
  const services = presentServices();
  for (const s of services) {
    run(
      s.name,
      ["bun", join("apps", s.name, "src", "main.ts")],
      envFor(s.name, { natsUrl, redisUrl, dataDir, ...secrets }),
    );
  }
  await Promise.all(services.map((s) => waitReady(s.name, `http://127.0.0.1:${s.port}/ready`)));

  const urls = [];
  if (existsSync(join(ROOT, "apps", GATEWAY.name, "src/main.ts"))) {
    run(GATEWAY.name, ["bun", join("apps", GATEWAY.name, "src/main.ts")], {
      ...serviceUrls(),
      CORS_ORIGINS: `http://localhost:${WEB_PORT},http://127.0.0.1:${WEB_PORT}`,
      PORT: String(GATEWAY_PORT),
      METRICS_PORT: String(GATEWAY_METRICS_PORT),
      WEB_TIER_SECRET: webTierSecret,
      NATS_URL: natsUrl,
      REDIS_URL: redisUrl,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    });
    await waitReady(GATEWAY.name, `http://127.0.0.1:${GATEWAY_PORT}/health`);
    urls.push(
      `  API gateway   http://localhost:${GATEWAY_PORT}   (health: /health, metrics: :${GATEWAY_METRICS_PORT}/metrics)`,
    );
  }
  if (existsSync(join(ROOT, "apps", WEB.name, "package.json"))) {
    run(
      WEB.name,
      ["bun", "--bun", "next", webMode, "--port", String(WEB_PORT)],
      {
        [GATEWAY.urlEnv]: serviceUrls()[GATEWAY.urlEnv]!,
        WEB_TIER_SECRET: webTierSecret,
        NODE_ENV: webMode === "start" ? "production" : "development",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      join(ROOT, "apps", WEB.name),
    );
    await waitReady(WEB.name, `http://127.0.0.1:${WEB_PORT}/`, 120_000);
    urls.unshift(`  Storefront    http://localhost:${WEB_PORT}`, `  Admin         http://localhost:${WEB_PORT}/admin`);
  }
  for (const s of services) urls.push(`  ${s.name.padEnd(13)} http://127.0.0.1:${s.port}   (/ready, /metrics, /trpc)`);

  console.log(`
\x1b[1;32mMercato is running.\x1b[0m
${urls.join("\n")}

  Demo logins   admin@mercato.dev / mercato-admin-1      (admin)
                shopper@mercato.dev / mercato-shopper-1  (customer)
  Test cards    4242 4242 4242 4242 succeeds · 4000 0000 0000 0002 declined
                4000 0000 0000 9995 insufficient funds · 4000 0000 0000 3220 extra step
  Dev mailbox   http://localhost:${WEB_PORT}/dev/mailbox

Ctrl-C stops everything this launcher started.`);
} catch (err) {
  console.error(`\x1b[31m${err instanceof Error ? err.message : String(err)}\x1b[0m`);
  await shutdown(1);
}

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BaseDeps, BaseEnv, RunningService } from "@mercato/kit";
import { GATEWAY, SERVICE_NAMES, SERVICES, type ServiceName } from "@mercato/registry";
import type { AnyRouter } from "@trpc/server";
import { type AuthOptions, signIn, signInDemoAdmin, signUp, type TestUser } from "./auth.ts";
import { startTestIssuer, type TestIssuer } from "./issuer.ts";
import type { ServiceClient } from "./names.ts";
import { freePort, waitForHttp } from "./ports.ts";
import { type ServiceProcess, spawnService } from "./process.ts";
import { type NatsServer, type RunningServer, startNats, startRedis } from "./servers.ts";
import { baseTestEnv, TEST_AUTH_SECRET, testSigningKey } from "./service.ts";
import { type CallerAuth, clientFor } from "./trpc.ts";

/** Where identity serves the keys every service verifies user JWTs with (its better-auth JWKS). */
const IDENTITY_JWKS_PATH = "/api/auth/jwks";
/** How long a process may take to stop on SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 15_000;

// biome-ignore lint/suspicious/noExplicitAny: any service's schema
type AnyDeps = BaseDeps<Record<string, any>, BaseEnv>;

/**
 * A service running in this process: its kit handle (deps, database, stop), the env it was
 * started with and its router. `D` is the service's own dependency type, for the suite that
 * knows which service it is (`platform.inProcess.cart as InProcessService<CartDeps>`).
 */
export type InProcessService<D = AnyDeps> = RunningService<D> & { env: Record<string, string>; router: AnyRouter };

export type PlatformEnv = { all?: Record<string, string> } & {
  [N in ServiceName | typeof GATEWAY.name]?: Record<string, string>;
};

export interface PlatformOptions<S extends ServiceName, I extends S> {
  /** The services to run (default: every service in the registry). */
  services?: readonly S[];
  /** Of those, the ones to run in this process, so a test reaches their deps and databases; the rest are processes. */
  inProcess?: readonly I[];
  /** Also run the gateway, as a process, in front of the services (`platform.gateway`). */
  gateway?: boolean;
  /**
   * Sign user tokens with a test issuer (`platform.issuer`) that every service but identity
   * trusts; identity always verifies its own. Default: only when identity does not run.
   */
  testIssuer?: boolean;
  /** Services that seed their demo data (SEED_DEMO): all with `true`. Default: none. */
  seedDemo?: boolean | readonly ServiceName[];
  /** Extra env, applied last: `all` to every process, then each service's (or the gateway's) own. */
  env?: PlatformEnv;
  /**
   * Running servers to use instead of private ones (they are left running by dispose). A NATS
   * server from `startNats` gives each service its own user; another is used as it is.
   */
  nats?: NatsServer | RunningServer;
  redis?: RunningServer;
  /** The data folder (default: a new temp folder): each database in `<dir>/<service>/`. Removed by dispose. */
  dir?: string;
  /** Keep each process's output in `<dir>/logs/<name>.log` (`platform.logDir`). */
  logs?: boolean;
  /** How long a service may take to answer `/ready` (default 45 s). */
  readyTimeoutMs?: number;
  /**
   * Instances of each service run as processes (default 1; a number for all, or per service): each
   * on its own port, on the service's one database, and every other process (the gateway too) is
   * given all of them in the service's URL variable, comma-separated (#26). The first starts
   * alone (it applies the migrations), the others once it is ready.
   */
  replicas?: number | Partial<Record<ServiceName, number>>;
}

export interface TestPlatform<S extends ServiceName = ServiceName, I extends S = never> {
  nats: NatsServer | RunningServer;
  redis: RunningServer;
  /** The test JWT issuer, when the platform uses one. */
  issuer: TestIssuer | undefined;
  dir: string;
  logDir: string | undefined;
  /** Every registry service's base URL (one that does not run here refuses connections). */
  urls: Record<ServiceName, string> & Record<S, string>;
  /** Each service run as processes: its first instance. */
  processes: Record<Exclude<S, I>, ServiceProcess>;
  /** Every instance of each service run as processes (one unless `replicas` asks for more), first first. */
  replicas: Record<Exclude<S, I>, ServiceProcess[]>;
  inProcess: Record<I, InProcessService>;
  /** The gateway, with `gateway: true`. */
  gateway: ServiceProcess | undefined;
  /** Starts a(nother) gateway in front of the services, stopped by dispose (`env` after the platform's). */
  startGateway(opts?: { name?: string; env?: Record<string, string> }): Promise<ServiceProcess>;
  /** A typed client of one service, as a user (token), a service credential or anonymous. */
  client<N extends ServiceName>(name: N, auth?: CallerAuth): ServiceClient<N>;
  /** A new customer signed up at identity (unique email unless given). */
  signUp(opts?: AuthOptions & { email?: string; password?: string; name?: string }): Promise<TestUser>;
  signIn(credentials: { email: string; password: string }, opts?: AuthOptions): Promise<TestUser>;
  /** Identity's seeded demo admin (identity must seed its demo data). */
  signInDemoAdmin(opts?: AuthOptions): Promise<TestUser>;
  /** Sends a signal to a service's process (SIGKILL by default: a crash) and waits for it to exit. */
  kill(name: Exclude<S, I>, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a service again on the same port and database (stopping it first if it runs). */
  restart(name: S): Promise<void>;
  /** Stops everything this platform started and deletes its data, unless `keepFiles`. Safe to call twice. */
  dispose(opts?: { keepFiles?: boolean }): Promise<void>;
}

type Definition = { def: { name: string; router: AnyRouter }; run(env: Record<string, string>): Promise<unknown> };

function isDefinitionOf(name: string, value: unknown): value is Definition {
  const def = (value as Partial<Definition> | null)?.def;
  return typeof (value as Partial<Definition> | null)?.run === "function" && def?.name === name;
}

/**
 * A service's definition from `@mercato/<name>/service`, imported when it is first run in process
 * (the services depend on this package for their own tests, so none is imported up front).
 */
async function definitionOf(name: ServiceName): Promise<Definition> {
  const mod: Record<string, unknown> = await import(`@mercato/${name}/service`);
  const found = Object.values(mod).find((v) => isDefinitionOf(name, v));
  if (!found) throw new Error(`@mercato/${name}/service exports no service definition named ${name}`);
  return found as Definition;
}

async function stopProcess(p: ServiceProcess): Promise<void> {
  const exited = await Promise.race([p.kill("SIGTERM").then(() => true), Bun.sleep(STOP_TIMEOUT_MS).then(() => false)]);
  if (!exited) await p.kill("SIGKILL");
}

/**
 * The platform (or part of it) for a test or a benchmark: private nats-server and redis-server
 * (unless given), a free port and a temp database per service, each service's env built from the
 * registry (every service's URL, JWKS at identity or a test issuer, the test service secret,
 * better-auth's secret and URL), the services as processes (`apps/<name>/src/main.ts`) or in this
 * process, and optionally the gateway. A start that fails half-way stops what it started.
 */
export async function startPlatform<S extends ServiceName = ServiceName, I extends S = never>(
  opts: PlatformOptions<S, I> = {},
): Promise<TestPlatform<S, I>> {
  const names = (opts.services ?? SERVICE_NAMES) as readonly S[];
  const inProcessNames = new Set<ServiceName>(opts.inProcess ?? []);
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), "mercato-platform-"));
  const logDir = opts.logs ? join(dir, "logs") : undefined;
  const readyTimeoutMs = opts.readyTimeoutMs ?? 45_000;
  if (logDir) mkdirSync(logDir, { recursive: true });

  const processes = new Map<ServiceName, ServiceProcess>();
  const replicaProcesses = new Map<ServiceName, ServiceProcess[]>();
  const replicasOf = (name: ServiceName): number =>
    inProcessNames.has(name) ? 1 : typeof opts.replicas === "number" ? opts.replicas : (opts.replicas?.[name] ?? 1);
  const inProcess = new Map<ServiceName, InProcessService>();
  const gateways: ServiceProcess[] = [];
  let nats = opts.nats;
  let redis = opts.redis;
  let issuer: TestIssuer | undefined;
  let disposed = false;

  const dispose = async ({ keepFiles = false } = {}) => {
    if (disposed) return;
    disposed = true;
    // The gateway first, then the services, infrastructure last, so services can drain their outboxes.
    await Promise.all(gateways.map(stopProcess));
    await Promise.all([
      ...[...replicaProcesses.values()].flat().map(stopProcess),
      ...[...inProcess.values()].map((s) => s.stop()),
    ]);
    issuer?.stop();
    await Promise.all([opts.nats ? undefined : nats?.dispose(), opts.redis ? undefined : redis?.dispose()]);
    if (!keepFiles) rmSync(dir, { recursive: true, force: true });
  };

  try {
    const testIssuer = opts.testIssuer ?? !names.includes("identity" as S);
    [nats, redis, issuer] = await Promise.all([
      nats ?? startNats(),
      redis ?? startRedis(),
      testIssuer ? startTestIssuer() : undefined,
    ]);
    const ports = new Map(await Promise.all(SERVICE_NAMES.map(async (n) => [n, await freePort()] as const)));
    // The further instances' ports (the first is `ports`).
    const morePorts = new Map(
      await Promise.all(
        SERVICE_NAMES.map(
          async (n) => [n, await Promise.all(Array.from({ length: replicasOf(n) - 1 }, () => freePort()))] as const,
        ),
      ),
    );
    const urls = Object.fromEntries(SERVICE_NAMES.map((n) => [n, `http://127.0.0.1:${ports.get(n)}`])) as Record<
      ServiceName,
      string
    >;
    /** The URL variable's value: every instance, comma-separated. */
    const urlListOf = (name: ServiceName): string =>
      [urls[name], ...(morePorts.get(name) ?? []).map((port) => `http://127.0.0.1:${port}`)].join(",");
    const urlOf = (name: ServiceName): string => {
      const url = urls[name];
      if (!url) throw new Error(`the registry has no service ${name}`);
      return url;
    };
    const identityUrl = urlOf("identity");
    const gatewayPort = await freePort();
    const identityJwks = `${identityUrl}${IDENTITY_JWKS_PATH}`;
    const seeds = (name: ServiceName) =>
      opts.seedDemo === true || (Array.isArray(opts.seedDemo) && opts.seedDemo.includes(name));
    const shared: Record<string, string> = {
      ...baseTestEnv(nats, redis),
      ...Object.fromEntries(SERVICES.map((s) => [s.urlEnv, urlListOf(s.name)])),
      [GATEWAY.urlEnv]: `http://127.0.0.1:${gatewayPort}`,
      JWT_ISSUER: issuer?.issuer ?? "mercato",
      JWT_AUDIENCE: issuer?.audience ?? "mercato",
      BETTER_AUTH_SECRET: TEST_AUTH_SECRET,
      BETTER_AUTH_URL: identityUrl,
    };
    // Each process connects to NATS as its own user, with only its own subjects (nats-auth.ts).
    const natsUrlOf = (user: string): string => {
      const server = nats as NatsServer | RunningServer;
      return "urlFor" in server ? server.urlFor(user) : server.url;
    };
    const envOf = (name: ServiceName): Record<string, string> => {
      const dataDir = join(dir, name);
      mkdirSync(dataDir, { recursive: true });
      return {
        ...shared,
        NATS_URL: natsUrlOf(name),
        // Its own private key only (the shared part has every caller's public key).
        SERVICE_SIGNING_KEY: testSigningKey(name),
        PORT: String(ports.get(name)),
        DATABASE_URL: `file:${join(dataDir, `${name}.db`)}`,
        // The catalog's uploaded images (#27) live beside its database, gone with the platform.
        MEDIA_DISK_DIR: join(dataDir, `${name}-media`),
        JWKS_URL: name === "identity" || !issuer ? identityJwks : issuer.jwksUrl,
        SEED_DEMO: String(seeds(name)),
        ...opts.env?.all,
        ...opts.env?.[name],
      };
    };
    const runInProcess = async (name: ServiceName, env: Record<string, string>): Promise<InProcessService> => {
      const definition = await definitionOf(name);
      const running = (await definition.run(env)) as RunningService<AnyDeps>;
      // Ready as a spawned service would be: Redis and NATS connected, not only listening.
      await waitForHttp(`${running.url}/ready`, readyTimeoutMs).catch(async (err) => {
        await running.stop();
        throw err;
      });
      return Object.assign(running, { env, router: definition.def.router });
    };

    const start = async (name: ServiceName) => {
      const env = envOf(name);
      if (inProcessNames.has(name)) {
        inProcess.set(name, await runInProcess(name, env));
      } else {
        const spawned = await spawnService(name, env, {
          timeoutMs: readyTimeoutMs,
          logFile: logDir && join(logDir, `${name}.log`),
        });
        processes.set(name, spawned);
        replicaProcesses.set(name, [spawned]);
        // The others once the first has migrated the database, all at once.
        const more = await Promise.allSettled(
          (morePorts.get(name) ?? []).map((port, i) =>
            spawnService(
              name,
              { ...env, PORT: String(port) },
              { timeoutMs: readyTimeoutMs, logFile: logDir && join(logDir, `${name}-${i + 2}.log`) },
            ),
          ),
        );
        for (const m of more) if (m.status === "fulfilled") replicaProcesses.get(name)?.push(m.value);
        const failed = more.find((m) => m.status === "rejected");
        if (failed) throw failed.reason;
      }
    };
    // In this process, identity first: its start-up (the demo seed, through better-auth and Redis)
    // must not wait behind six other services for the one event loop. Processes start all at once.
    const identityFirst = inProcessNames.has("identity") && names.length > 1;
    if (identityFirst) await start("identity");
    const starts = await Promise.allSettled(names.filter((n) => !identityFirst || n !== "identity").map(start));
    const failed = starts.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;

    const startGateway = async ({
      name = GATEWAY.name,
      env = {},
    }: {
      name?: string;
      env?: Record<string, string>;
    } = {}) => {
      // The first gateway takes the port the services know as GATEWAY_URL.
      const port = gateways.length === 0 ? gatewayPort : await freePort();
      const gateway = await spawnService(
        name,
        {
          ...shared,
          NATS_URL: natsUrlOf(GATEWAY.name),
          PORT: String(port),
          // The gateway verifies bearer JWTs too: the test issuer's and identity's own.
          JWKS_URL: issuer ? `${issuer.jwksUrl},${identityJwks}` : identityJwks,
          ...opts.env?.all,
          ...opts.env?.gateway,
          ...env,
        },
        {
          app: GATEWAY.name,
          // The gateway's /health needs every registry service up (a platform may run a subset,
          // each already ready); its /ready answers once it serves.
          readyPath: "/ready",
          timeoutMs: readyTimeoutMs,
          logFile: logDir && join(logDir, `${name}.log`),
        },
      );
      gateways.push(gateway);
      return gateway;
    };
    const gateway = opts.gateway ? await startGateway() : undefined;

    const platform: TestPlatform<S, I> = {
      nats,
      redis,
      issuer,
      dir,
      logDir,
      urls,
      // Keyed by the names asked for; each handle stays the same object across restarts.
      processes: Object.fromEntries(processes) as Record<Exclude<S, I>, ServiceProcess>,
      replicas: Object.fromEntries(replicaProcesses) as Record<Exclude<S, I>, ServiceProcess[]>,
      inProcess: Object.fromEntries(inProcess) as Record<I, InProcessService>,
      gateway,
      startGateway,
      client: (name, auth) => clientFor(urlOf(name), auth),
      signUp: (signUpOpts) => signUp(identityUrl, signUpOpts),
      signIn: (credentials, authOpts) => signIn(identityUrl, credentials, authOpts),
      signInDemoAdmin: (authOpts) => signInDemoAdmin(identityUrl, authOpts),
      async kill(name, signal = "SIGKILL") {
        const p = processes.get(name);
        if (!p) throw new Error(`${name} does not run as a process here`);
        await p.kill(signal);
      },
      async restart(name) {
        const p = processes.get(name);
        if (p) return p.restart();
        const running = inProcess.get(name);
        if (!running) throw new Error(`${name} does not run here`);
        await running.stop();
        // Same object, so a suite holding it sees the new deps.
        Object.assign(running, await runInProcess(name, running.env));
      },
      dispose,
    };
    return platform;
  } catch (err) {
    await dispose();
    throw err;
  }
}

import { createServiceSigner, generateServiceKeySet, type ServiceKeySet, type ServiceTokenSigner } from "@mercato/kit";
import { SERVICE_NAMES } from "@mercato/registry";
import { tempDir } from "./database.ts";
import { startTestIssuer, type TestIssuer } from "./issuer.ts";
import { freePort } from "./ports.ts";
import { type RunningServer, startNats, startRedis } from "./servers.ts";

/** The callers that get a key pair in tests: every registry service, the `ops` tools and the kit's demo service. */
export const TEST_CALLERS: readonly string[] = [...SERVICE_NAMES, "ops", "demo"];

/**
 * One Ed25519 key pair per caller, made fresh for each test process (never written anywhere):
 * every service under test gets its own private key and everyone's public keys, and a test signs
 * as any caller with `testServiceSigner`, as that caller would.
 */
export const TEST_SERVICE_KEYS: ServiceKeySet = generateServiceKeySet(TEST_CALLERS);

/** Keys of callers outside TEST_CALLERS: real key pairs whose public half no service knows. */
const strangers = new Map<string, string>();

/** A caller's private key (SERVICE_SIGNING_KEY) in tests; a name outside TEST_CALLERS gets a key no service trusts. */
export function testSigningKey(caller: string): string {
  const known = TEST_SERVICE_KEYS.signingKeys[caller];
  if (known) return known;
  let key = strangers.get(caller);
  if (!key) {
    key = generateServiceKeySet([caller]).signingKeys[caller]!;
    strangers.set(caller, key);
  }
  return key;
}

const signers = new Map<string, ServiceTokenSigner>();

/** Signs service tokens as `caller` with its test key: `await testServiceSigner("orders")("payments")`. */
export function testServiceSigner(caller: string): ServiceTokenSigner {
  let signer = signers.get(caller);
  if (!signer) {
    signer = createServiceSigner(testSigningKey(caller), caller);
    signers.set(caller, signer);
  }
  return signer;
}
/** Identity's better-auth secret in test platforms (at least 32 characters). */
export const TEST_AUTH_SECRET = "mercato-test-only-better-auth-secret-0123456789";

export interface Runnable<R extends { url: string; stop(): Promise<void> }> {
  run(env: Record<string, string | undefined>): Promise<R>;
}

/**
 * What every service gets in tests, whoever starts it: private NATS and Redis, the callers'
 * public keys, quiet logs; and, given the service's name, its own private key.
 */
export function baseTestEnv(nats: RunningServer, redis: RunningServer, service?: string): Record<string, string> {
  return {
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    NATS_URL: nats.url,
    REDIS_URL: redis.url,
    SERVICE_PUBLIC_KEYS: TEST_SERVICE_KEYS.publicKeys,
    ...(service ? { SERVICE_SIGNING_KEY: testSigningKey(service) } : {}),
    // The dev mailbox API is open only when asked for; tests read the emails through it.
    MAILBOX_API: "true",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    // Tests stop services often; a stuck stream should not hold a suite for the production 10 s.
    SHUTDOWN_TIMEOUT_MS: "3000",
    // Suites sign many users up from one loopback address; identity's own tests set it lower.
    RATE_LIMIT_SIGN_UP_PER_IP: "100000",
  };
}

/** The environment a service gets in tests: private NATS and Redis, a temp database, a free port. */
export async function testServiceEnv(opts: {
  service: string;
  nats: RunningServer;
  redis: RunningServer;
  issuer: TestIssuer;
  env?: Record<string, string>;
}): Promise<{ env: Record<string, string>; dispose(): void }> {
  const dir = tempDir(`mercato-${opts.service}-`);
  const env: Record<string, string> = {
    ...baseTestEnv(opts.nats, opts.redis, opts.service),
    PORT: String(await freePort()),
    DATABASE_URL: `file:${dir.path}/${opts.service}.db`,
    // The catalog's uploaded images (#27) live beside its database, gone with the test.
    MEDIA_DISK_DIR: `${dir.path}/media`,
    JWKS_URL: opts.issuer.jwksUrl,
    JWT_ISSUER: opts.issuer.issuer,
    JWT_AUDIENCE: opts.issuer.audience,
    ...opts.env,
  };
  return { env, dispose: dir.dispose };
}

/** Runs a service in this process for a test; `dispose` stops it and deletes its database. */
export async function startTestService<R extends { url: string; stop(): Promise<void> }>(
  service: Runnable<R>,
  opts: Parameters<typeof testServiceEnv>[0],
): Promise<R & { env: Record<string, string>; dispose(): Promise<void> }> {
  const { env, dispose } = await testServiceEnv(opts);
  const running = await service.run(env);
  return Object.assign(running, {
    env,
    dispose: async () => {
      await running.stop();
      dispose();
    },
  });
}

/** What a service under test runs beside: its own nats-server and redis-server, and a JWT issuer. */
export async function startTestInfra() {
  const [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  return {
    nats,
    redis,
    issuer,
    async dispose() {
      issuer.stop();
      await Promise.all([nats.dispose(), redis.dispose()]);
    },
  };
}

/**
 * A service in this process on infrastructure of its own (`startTestInfra`), for one test file;
 * `dispose` stops the service, then the servers.
 */
export async function startAlone<R extends { url: string; stop(): Promise<void> }>(
  service: Runnable<R>,
  name: string,
  env: Record<string, string> = {},
) {
  const infra = await startTestInfra();
  const running = await startTestService(service, { service: name, ...infra, env }).catch(async (err: unknown) => {
    await infra.dispose();
    throw err;
  });
  return {
    ...infra,
    service: running,
    async dispose() {
      await running.dispose();
      await infra.dispose();
    },
  };
}

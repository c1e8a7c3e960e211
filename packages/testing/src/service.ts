import { tempDir } from "./database.ts";
import type { TestIssuer } from "./issuer.ts";
import { freePort } from "./ports.ts";
import type { RunningServer } from "./servers.ts";

/** The service secret every test service shares, so tests can sign service credentials too. */
export const TEST_SERVICE_SECRET = "test-service-secret-0123456789abcdef";

export interface Runnable<R extends { url: string; stop(): Promise<void> }> {
  run(env: Record<string, string | undefined>): Promise<R>;
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
    NODE_ENV: "test",
    PORT: String(await freePort()),
    DATABASE_URL: `file:${dir.path}/${opts.service}.db`,
    NATS_URL: opts.nats.url,
    REDIS_URL: opts.redis.url,
    JWKS_URL: opts.issuer.jwksUrl,
    JWT_ISSUER: opts.issuer.issuer,
    JWT_AUDIENCE: opts.issuer.audience,
    SERVICE_SECRET: TEST_SERVICE_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    // Tests stop services often; a stuck stream should not hold a suite for the production 10 s.
    SHUTDOWN_TIMEOUT_MS: "3000",
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

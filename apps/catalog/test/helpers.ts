import { startNats, startRedis, startTestIssuer, startTestService } from "@mercato/testing";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { CatalogRouter } from "../src/index.ts";
import { catalogService } from "../src/service.ts";

export type Client = ReturnType<typeof clientFor>;

/** A typed client; with `token` it calls as that user. Unbatched, so response headers are per call. */
export function clientFor(url: string, token?: string) {
  return createTRPCClient<CatalogRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
}

/** The tRPC error a call failed with (fails the test if it succeeded). */
export async function failure(call: Promise<unknown>): Promise<TRPCClientError<CatalogRouter>> {
  const outcome = await call.then(
    () => new Error("expected the call to fail"),
    (e: unknown) => e,
  );
  if (!(outcome instanceof TRPCClientError)) throw outcome;
  return outcome as TRPCClientError<CatalogRouter>;
}

/** Private NATS, Redis and JWT issuer, and the catalog running in this process with the demo seed. */
export async function startCatalog(env: Record<string, string> = {}) {
  const [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  const catalog = await startTestService(catalogService, {
    service: "catalog",
    nats,
    redis,
    issuer,
    env: { SEED_DEMO: "true", ...env },
  });
  const adminToken = await issuer.sign({ sub: "admin-1", email: "admin@example.com", role: "admin" });
  const customerToken = await issuer.sign({ sub: "user-1", email: "user@example.com" });
  return {
    catalog,
    nats,
    issuer,
    shop: clientFor(catalog.url),
    admin: clientFor(catalog.url, adminToken),
    customer: clientFor(catalog.url, customerToken),
    async dispose() {
      await catalog.dispose();
      issuer.stop();
      await Promise.all([nats.dispose(), redis.dispose()]);
    },
  };
}

/** Polls `check` until it returns a value, failing after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await Bun.sleep(25);
  }
}

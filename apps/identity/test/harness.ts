import {
  EmailVerificationRequested,
  type Envelope,
  type EventBus,
  type EventDefinition,
  on,
  PasswordResetRequested,
  StaffInvitationRequested,
  UserDeleted,
  UserPreferencesChanged,
  UserRegistered,
} from "@mercato/events";
import {
  freePort,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  testServiceSigner,
} from "@mercato/testing";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { IdentityRouter } from "../src/index.ts";
import { identityService } from "../src/service.ts";

export const STOREFRONT = "http://shop.test";

export type Identity = Awaited<ReturnType<typeof startIdentity>>;

/** Real NATS, Redis and identity (in this process, own libSQL file, HTTP on a free port). */
export async function startIdentity(env: Record<string, string> = {}) {
  const [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const service = await startTestService(identityService, {
    service: "identity",
    nats,
    redis,
    issuer,
    env: {
      PORT: String(port),
      // Identity verifies its own tokens against its own JWKS, as in production.
      JWKS_URL: `${base}/api/auth/jwks`,
      BETTER_AUTH_URL: base,
      STOREFRONT_URL: STOREFRONT,
      SEED_DEMO: "true",
      TRUST_PROXY: "true",
      ...env,
    },
  });
  const events = await captureEvents(service.deps);
  return {
    url: service.url,
    service,
    nats,
    redis,
    issuer,
    events,
    async dispose() {
      await events.stop();
      await service.dispose();
      issuer.stop();
      await Promise.all([nats.dispose(), redis.dispose()]);
    },
  };
}

/** Every identity.* event that reaches JetStream, read back through a durable consumer of our own. */
async function captureEvents(deps: { bus: EventBus }) {
  const seen: Envelope[] = [];
  const record = (def: EventDefinition) => on(def, async (e) => void seen.push(e));
  const sub = await deps.bus.subscribe({
    consumer: "identity-test-probe",
    handlers: [
      record(UserRegistered),
      record(PasswordResetRequested),
      record(EmailVerificationRequested),
      record(UserDeleted),
      record(UserPreferencesChanged),
      record(StaffInvitationRequested),
    ],
  });
  return {
    seen,
    /** The first event of `type` matching `match`, polling until `timeoutMs`. */
    async waitFor(type: string, match: (data: Record<string, unknown>) => boolean, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = seen.find((e) => e.type === type && match(e.data as Record<string, unknown>));
        if (found) return found as Envelope<string, Record<string, unknown>>;
        if (Date.now() > deadline) throw new Error(`no ${type} event within ${timeoutMs} ms`);
        await Bun.sleep(25);
      }
    },
    stop: () => sub.stop(),
  };
}

let ipCounter = 0;
/** A fresh client address per call site (identity trusts X-Forwarded-For in tests). */
export function freshIp(): string {
  ipCounter += 1;
  return `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

export interface AuthHttp {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
}

export function authHttp(url: string, ip = freshIp()): AuthHttp {
  const common = { "x-forwarded-for": ip, origin: STOREFRONT };
  return {
    post: (path, body, headers = {}) =>
      fetch(`${url}/api/auth${path}`, {
        method: "POST",
        headers: { ...common, "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      }),
    get: (path, headers = {}) => fetch(`${url}/api/auth${path}`, { headers: { ...common, ...headers } }),
  };
}

let userCounter = 0;
export function uniqueEmail(tag = "user"): string {
  userCounter += 1;
  return `${tag}-${Date.now().toString(36)}-${userCounter}@example.com`;
}

export interface Session {
  userId: string;
  email: string;
  /** better-auth session token for the bearer plugin (API clients). */
  sessionToken: string;
  cookie: string;
}

/** Signs up a new user and returns their session. */
export async function signUp(url: string, email = uniqueEmail(), password = "correct-horse-1", name = "Test User") {
  const res = await authHttp(url).post("/sign-up/email", { email, password, name });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  // Sign-up never signs in (a duplicate answers like a new account): sign in next.
  return signIn(url, email, password);
}

export async function signIn(url: string, email: string, password: string, ip?: string) {
  const res = await authHttp(url, ip).post("/sign-in/email", { email, password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return sessionFrom(res);
}

async function sessionFrom(res: Response): Promise<Session> {
  const body = (await res.json()) as { user: { id: string; email: string } };
  const sessionToken = res.headers.get("set-auth-token");
  if (!sessionToken) throw new Error("no set-auth-token header (bearer plugin)");
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { userId: body.user.id, email: body.user.email, sessionToken, cookie };
}

/** A short-lived JWT for the session, from /api/auth/token. */
export async function jwtFor(url: string, session: Pick<Session, "sessionToken">): Promise<string> {
  const res = await authHttp(url).get("/token", { authorization: `Bearer ${session.sessionToken}` });
  if (res.status !== 200) throw new Error(`token refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export function client(url: string, jwt?: string, serviceToken?: string) {
  return createTRPCClient<IdentityRouter>({
    links: [
      httpBatchLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: () => ({
          ...(jwt ? { authorization: `Bearer ${jwt}` } : {}),
          ...(serviceToken ? { "x-service-token": serviceToken } : {}),
        }),
      }),
    ],
  });
}

export const serviceToken = () => testServiceSigner("notifications")("identity");

/**
 * The link behind a reset or verification event, claimed as notifications claims it (the event
 * carries only its id; the link never travels on the bus).
 */
export async function linkOf(url: string, event: { data: Record<string, unknown> }): Promise<URL> {
  const claimed = await client(url, undefined, await serviceToken()).identity.internal.accountLink.mutate({
    linkId: String(event.data.linkId),
  });
  return new URL(claimed.url);
}

/** The tRPC error a call ended with (fails the test if it succeeded). */
export async function trpcError(p: Promise<unknown>): Promise<TRPCClientError<IdentityRouter>> {
  const err = await p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  if (!(err instanceof TRPCClientError)) throw err;
  return err as TRPCClientError<IdentityRouter>;
}

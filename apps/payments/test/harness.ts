import { SERVICE_TOKEN_HEADER } from "@mercato/kit";
import {
  type RunningServer,
  startTestInfra,
  startTestService,
  type TestIssuer,
  testServiceSigner,
} from "@mercato/testing";
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from "@trpc/client";
import { count, isNull } from "drizzle-orm";
import superjson from "superjson";
import { outbox } from "../src/db/schema.ts";
import type { PaymentsDeps } from "../src/deps.ts";
import type { PaymentsRouter } from "../src/index.ts";
import { paymentsService } from "../src/service.ts";

export type PaymentsUnderTest = Awaited<ReturnType<typeof startPayments>>;

/** Private NATS, Redis and JWKS for one test file: the testing package's, under the name these suites use. */
export { startTestInfra as startInfra };

export async function startPayments(
  infra: { nats: RunningServer; redis: RunningServer; issuer: TestIssuer },
  env: Record<string, string> = {},
) {
  const service = await startTestService(paymentsService, { service: "payments", ...infra, env });
  const events = collectEvents(service.deps.bus.nc, () => unsentOutboxRows(service.deps.db));
  return Object.assign(service, { events });
}

/** A client as another service calls us (internal procedures). */
export function internalClient(url: string) {
  const token = testServiceSigner("orders");
  // Unbatched, so concurrent calls really reach the server as concurrent requests.
  return createTRPCClient<PaymentsRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: async () => ({ [SERVICE_TOKEN_HEADER]: await token("payments") }),
      }),
    ],
  });
}

/** A browser's client, signed in when a user token is given. */
export function publicClient(url: string, userToken?: string) {
  return createTRPCClient<PaymentsRouter>({
    links: [
      httpBatchLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: () => (userToken ? { authorization: `Bearer ${userToken}` } : {}),
      }),
    ],
  });
}

/** The tRPC error a call failed with (or fails the test if it succeeded). */
export async function failure(call: Promise<unknown>): Promise<TRPCClientError<PaymentsRouter>> {
  const outcome = await call.then(
    (value) => ({ ok: true as const, value }),
    (err: unknown) => ({ ok: false as const, err }),
  );
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  if (!(outcome.err instanceof TRPCClientError)) throw outcome.err;
  return outcome.err as TRPCClientError<PaymentsRouter>;
}

export interface SeenEvent {
  type: string;
  key?: string;
  data: Record<string, unknown>;
}

/**
 * Every payments.* event published on NATS, as consumers will see them: outcomes in `seen`, the
 * attempt notices inventory extends reservations on (`payments.attempt.started.v1`) in `attempts`.
 */
function collectEvents(nc: NatsLike, unsent: () => Promise<number>) {
  const seen: SeenEvent[] = [];
  const attempts: SeenEvent[] = [];
  nc.subscribe("payments.>", {
    callback: (err, msg) => {
      if (err) return;
      const event = JSON.parse(msg.string()) as SeenEvent;
      (event.type === "payments.attempt.started.v1" ? attempts : seen).push(event);
    },
  });
  const forOrder = (orderId: string) => seen.filter((e) => e.key === orderId);
  return {
    seen,
    attempts,
    forOrder,
    /** Waits until at least `count` events about the order arrived. */
    async waitFor(orderId: string, count: number, timeoutMs = 5_000): Promise<SeenEvent[]> {
      const deadline = Date.now() + timeoutMs;
      while (forOrder(orderId).length < count) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} events for ${orderId}, saw ${JSON.stringify(forOrder(orderId))}`);
        }
        await Bun.sleep(20);
      }
      return forOrder(orderId);
    },
    /** Everything published so far about the order, once the outbox is empty: for "exactly once" checks. */
    async settled(orderId: string, timeoutMs = 5_000): Promise<SeenEvent[]> {
      const deadline = Date.now() + timeoutMs;
      while ((await unsent()) > 0) {
        if (Date.now() > deadline) throw new Error("the outbox did not drain");
        await Bun.sleep(20);
      }
      await nc.flush();
      return forOrder(orderId);
    },
  };
}

async function unsentOutboxRows(db: PaymentsDeps["db"]): Promise<number> {
  const [row] = await db.orm.select({ n: count() }).from(outbox).where(isNull(outbox.sentAt));
  return row?.n ?? 0;
}

interface NatsLike {
  subscribe(subject: string, opts: { callback: (err: Error | null, msg: { string(): string }) => void }): unknown;
  flush(): Promise<void>;
}

let counter = 0;
/** A fresh order id per test, so events and rows never mix between tests. */
export function newOrderId(): string {
  counter += 1;
  return `ord_${Date.now().toString(36)}_${counter}`;
}

import { createEvent, type EventBus, type EventDefinition } from "@mercato/events";
import { createServiceVerifier } from "@mercato/kit";
import { TEST_SERVICE_KEYS, testSigningKey } from "@mercato/testing";
import { initTRPC, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { z } from "zod";

/** The variables notifications cannot start without, pointing nowhere: for env-parsing tests that start nothing. */
export const REQUIRED_ENV = {
  DATABASE_URL: "file:/tmp/never-opened.db",
  NATS_URL: "nats://127.0.0.1:1",
  REDIS_URL: "redis://127.0.0.1:1",
  JWKS_URL: "http://127.0.0.1:1/jwks",
  SERVICE_SIGNING_KEY: testSigningKey("notifications"),
  SERVICE_PUBLIC_KEYS: TEST_SERVICE_KEYS.publicKeys,
};

/** Polls `probe` until it returns a value (not undefined/false) or the deadline passes. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 8_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await Bun.sleep(25);
  }
}

/** True once the service's durable consumer for a domain has handled (acked or termed) everything. */
export async function consumerIdle(bus: EventBus, domain: string): Promise<boolean> {
  const info = await bus.jsm.consumers.info(domain.toUpperCase(), `notifications-${domain}`).catch(() => undefined);
  return info !== undefined && info.num_pending === 0 && info.num_ack_pending === 0;
}

/** Publishes a platform event as its producer's outbox would (keyed, its id as the dedupe id); answers it. */
export async function publishEvent<E extends EventDefinition>(
  bus: EventBus,
  def: E,
  data: z.input<E["data"]>,
  key: string,
) {
  const event = createEvent(def, data, { key });
  await bus.publishRaw(event.type, JSON.stringify(event), event.id);
  return event;
}

/**
 * Stands in for the orders and identity services: the internal procedures notifications calls, over real HTTP with real tRPC and the real service-credential check.
 */
export function startDirectoryStub() {
  const state = {
    contacts: new Map<string, { email: string; number: string }>(),
    ordersUp: true,
    admins: [] as string[],
    contactCalls: 0,
    /** The one-time links identity would hand out, by link id (`identity.internal.accountLink`). */
    links: new Map<string, { kind: "password_reset" | "email_verification"; userId: string; url: string }>(),
    /** Staff invitation links by id (`identity.internal.staffInvitationLink`, #20). */
    invitations: new Map<string, { email: string; role: string; url: string }>(),
  };
  // The stub stands for both callees: a credential must be for the one whose procedure is called.
  const verifiers = {
    orders: createServiceVerifier({ service: "orders", publicKeys: TEST_SERVICE_KEYS.publicKeys }),
    identity: createServiceVerifier({ service: "identity", publicKeys: TEST_SERVICE_KEYS.publicKeys }),
  };
  const verify = (req: Request, token: string) => {
    const callee = new URL(req.url).pathname.startsWith("/trpc/identity.") ? "identity" : "orders";
    return verifiers[callee](token);
  };
  const t = initTRPC.context<{ caller: string | null }>().create({ transformer: superjson });
  const internal = t.procedure.use(({ ctx, next }) => {
    if (!ctx.caller) throw new TRPCError({ code: "UNAUTHORIZED", message: "Service credential required" });
    return next();
  });
  const stubRouter = t.router({
    orders: t.router({
      internal: t.router({
        contact: internal.input(z.object({ orderId: z.string() })).query(({ input }) => {
          state.contactCalls++;
          if (!state.ordersUp) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "orders is starting" });
          const found = state.contacts.get(input.orderId);
          if (!found) throw new TRPCError({ code: "NOT_FOUND", message: `orderId: no order ${input.orderId}` });
          return found;
        }),
      }),
    }),
    identity: t.router({
      internal: t.router({
        adminEmails: internal.query(() => state.admins),
        accountLink: internal.input(z.object({ linkId: z.string() })).mutation(({ input }) => {
          const link = state.links.get(input.linkId);
          if (!link) throw new TRPCError({ code: "NOT_FOUND", message: `linkId: no link ${input.linkId}` });
          return { ...link, expiresAt: new Date(Date.now() + 3_600_000) };
        }),
        staffInvitationLink: internal.input(z.object({ linkId: z.string() })).mutation(({ input }) => {
          const link = state.invitations.get(input.linkId);
          if (!link) throw new TRPCError({ code: "NOT_FOUND", message: `linkId: no invitation ${input.linkId}` });
          return { ...link, expiresAt: new Date(Date.now() + 3_600_000) };
        }),
      }),
    }),
  });
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: (req) =>
      fetchRequestHandler({
        endpoint: "/trpc",
        req,
        router: stubRouter,
        createContext: async () => {
          const token = req.headers.get("x-service-token");
          return { caller: token ? await verify(req, token).catch(() => null) : null };
        },
      }),
  });
  return { url: `http://127.0.0.1:${server.port}`, state, stop: () => server.stop(true) };
}

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  createEvent,
  EmailVerificationRequested,
  OrderShippedEvent,
  PasswordResetRequested,
  StaffInvitationRequested,
  UserRegistered,
} from "@mercato/events";
import {
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  type TestIssuer,
} from "@mercato/testing";
import { createTRPCClient, httpBatchLink, type TRPCClientError } from "@trpc/client";
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { mailboxPageSchema, messageSchema } from "../src/contract.ts";
import { messages } from "../src/db/schema.ts";
import { seedDemo } from "../src/demo.ts";
import { REDACTED_LINK } from "../src/domain/redact.ts";
import type { NotificationsRouter } from "../src/index.ts";
import { notificationsService } from "../src/service.ts";
import { startDirectoryStub, waitFor } from "./support.ts";

type Service = Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof notificationsService.run>>>>>;

let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
let svc: Service;
let stub: ReturnType<typeof startDirectoryStub>;

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  // Identity hands out the one-time links the events name by id.
  stub = startDirectoryStub();
  // No RESEND_API_KEY: the dev mailbox transport. The test env sets MAILBOX_API, so the mailbox is open.
  svc = await startTestService(notificationsService, {
    service: "notifications",
    nats,
    redis,
    issuer,
    env: { SEED_DEMO: "true", EMAIL_POLL_MS: "100", IDENTITY_URL: stub.url },
  });
}, 30_000);

afterAll(async () => {
  await svc?.dispose();
  stub?.stop();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

function client(url: string, token?: string) {
  return createTRPCClient<NotificationsRouter>({
    links: [
      httpBatchLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
}

function codeOf(err: unknown) {
  return (err as TRPCClientError<NotificationsRouter>).data?.code;
}

describe("dev mailbox", () => {
  test("shows each email once, sent at once, with its HTML and text, without signing in", async () => {
    const event = createEvent(UserRegistered, { userId: "u1", email: "mia@shop.test", name: "Mia" });
    await svc.deps.bus.publishRaw(event.type, JSON.stringify(event), event.id);
    await svc.deps.bus.publishRaw(event.type, JSON.stringify(event), `${event.id}:again`);
    const mailbox = client(svc.url).notifications.mailbox;
    const page = await waitFor("the welcome email", async () => {
      const p = await mailbox.list.query({ to: "mia@shop.test" });
      return p.items.length > 0 && p.items.every((m) => m.status === "sent") && p;
    });
    // The second delivery was handled too before we count.
    await waitFor("the second delivery", async () => {
      const info = await svc.deps.bus.jsm.consumers.info("IDENTITY", "notifications-identity");
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
    const after = await mailbox.list.query({ to: "mia@shop.test" });
    expect(after.items).toHaveLength(1);
    const summary = page.items[0]!;
    expect(summary).toMatchObject({ template: "welcome", subject: "Welcome to Mercato", status: "sent", attempts: 1 });
    expect(summary.providerId).toBe(`mailbox:${summary.id}`);
    expect(summary.sentAt).toBeInstanceOf(Date);

    // Exactly the contract's shapes: parsing would drop or default anything else.
    expect(mailboxPageSchema.parse(after)).toEqual(after);
    const full = await mailbox.byId.query({ id: summary.id });
    expect(messageSchema.parse(full)).toEqual(full);
    expect(full.eventId).toBe(event.id);
    expect(full.html).toStartWith("<!DOCTYPE html>");
    expect(full.html).toContain("Welcome, Mia!");
    expect(full.html).toContain('href="http://localhost:3000/"');
    expect(full.text).toContain("Welcome, Mia!");
  });

  test("one-time links are redacted in the mailbox and not kept once the email is sent", async () => {
    const resetUrl = "http://localhost:3000/account/reset-password?token=s3cr3t-reset&x=1";
    const verifyUrl = "http://localhost:3000/account/verify-email?token=s3cr3t-verify";
    stub.state.links.set("link-reset-rita-001", { kind: "password_reset", userId: "u2", url: resetUrl });
    stub.state.links.set("link-verify-rita-01", { kind: "email_verification", userId: "u2", url: verifyUrl });
    await svc.deps.bus.publish(PasswordResetRequested, {
      userId: "u2",
      email: "reset@shop.test",
      name: "Rita",
      linkId: "link-reset-rita-001",
      expiresAt: "2026-11-24T15:30:00.000Z",
    });
    await svc.deps.bus.publish(EmailVerificationRequested, {
      userId: "u2",
      email: "reset@shop.test",
      name: "Rita",
      linkId: "link-verify-rita-01",
      expiresAt: "2026-11-24T15:30:00.000Z",
    });
    const mailbox = client(svc.url).notifications.mailbox;
    const page = await waitFor("the reset and verification emails", async () => {
      const p = await mailbox.list.query({ to: "reset@shop.test", status: "sent" });
      return p.items.length === 2 && p;
    });
    for (const summary of page.items) {
      const full = await mailbox.byId.query({ id: summary.id });
      expect(Object.keys(full)).not.toContain("secretUrl");
      for (const body of [full.html, full.text]) {
        expect(body).not.toContain("s3cr3t");
        expect(body).toContain(REDACTED_LINK);
      }
      const [row] = await svc.deps.db.orm.select().from(messages).where(eq(messages.id, summary.id));
      expect(row?.secretUrl).toBeNull();
      expect(JSON.stringify(row)).not.toContain("s3cr3t");
    }
  });

  test("a staff invitation is mailed with its accept link, redacted in the mailbox (#20)", async () => {
    const acceptUrl = "http://localhost:3000/account/accept-invitation?token=s3cr3t-invite";
    stub.state.invitations.set("invitation-picker-0001", {
      email: "picker@shop.test",
      role: "fulfilment",
      url: acceptUrl,
    });
    await svc.deps.bus.publish(StaffInvitationRequested, {
      email: "picker@shop.test",
      role: "fulfilment",
      invitedBy: "u-super",
      linkId: "invitation-picker-0001",
      expiresAt: "2026-12-08T15:30:00.000Z",
    });
    const mailbox = client(svc.url).notifications.mailbox;
    const page = await waitFor("the invitation email", async () => {
      const p = await mailbox.list.query({ to: "picker@shop.test", status: "sent" });
      return p.items.length === 1 && p;
    });
    const full = await mailbox.byId.query({ id: page.items[0]?.id ?? "" });
    expect(full.template).toBe("staff-invitation");
    expect(full.subject).toContain("invited");
    for (const body of [full.html, full.text]) {
      expect(body).toContain("fulfilment");
      expect(body).not.toContain("s3cr3t");
      expect(body).toContain(REDACTED_LINK);
    }
  });

  test("pages newest first and filters by recipient and status", async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const e = await svc.deps.bus.publish(
        OrderShippedEvent,
        { orderId: `o${n}`, number: `M-${n}`, email: "page@shop.test", carrier: "UPS", trackingNumber: `1Z${n}` },
        { key: `o${n}` },
      );
      ids.push(e.id);
    }
    const mailbox = client(svc.url).notifications.mailbox;
    await waitFor("three shipped emails", async () => {
      const p = await mailbox.list.query({ to: "page@shop.test", status: "sent" });
      return p.items.length === 3;
    });
    const subjects: string[] = [];
    let cursor: string | undefined;
    do {
      const p = await mailbox.list.query({ to: "page@shop.test", limit: 2, cursor });
      subjects.push(...p.items.map((m) => m.subject));
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    expect(subjects).toEqual(["Order M-3 is on its way", "Order M-2 is on its way", "Order M-1 is on its way"]);
    expect((await mailbox.list.query({ to: "page@shop.test", status: "failed" })).items).toHaveLength(0);
  });

  test("bad input is a 4xx naming the field", async () => {
    const mailbox = client(svc.url).notifications.mailbox;
    const tooMany = await mailbox.list.query({ limit: 1000 }).catch((e: unknown) => e);
    expect(codeOf(tooMany)).toBe("BAD_REQUEST");
    expect((tooMany as Error).message).toContain("limit");
    const badStatus = await mailbox.list.query({ status: "lost" as "sent" }).catch((e: unknown) => e);
    expect((badStatus as Error).message).toContain("status");
    const missing = await mailbox.byId.query({ id: "no-such-id" }).catch((e: unknown) => e);
    expect(codeOf(missing)).toBe("NOT_FOUND");
    expect((missing as Error).message).toStartWith("id:");
    const badCursor = await mailbox.list.query({ cursor: "not-a-cursor" }).catch((e: unknown) => e);
    expect(codeOf(badCursor)).toBe("BAD_REQUEST");
    expect((badCursor as TRPCClientError<NotificationsRouter>).data).toMatchObject({ field: "cursor" });
  });

  test("demo data is seeded once, however often seeding runs", async () => {
    await seedDemo(svc.deps.db, svc.deps.emailConfig);
    const demo = await client(svc.url).notifications.mailbox.list.query({ to: "shopper@mercato.dev" });
    expect(demo.items).toHaveLength(1);
    expect(demo.items[0]?.eventId).toBe("demo:welcome");
  });
});

describe("mailbox without MAILBOX_API", () => {
  test.each([
    [
      "production",
      {
        NODE_ENV: "production",
        EMAIL_TRANSPORT: "mailbox",
        ALLOW_MAILBOX_EMAIL: "true",
        SMS_TRANSPORT: "off",
        WEB_PUSH: "false",
      },
    ],
    ["tests", { NODE_ENV: "test" }],
  ])(
    "is for admins only in %s",
    async (_, mode) => {
      const prodNats = await startNats();
      const prod = await startTestService(notificationsService, {
        service: "notifications",
        nats: prodNats,
        redis,
        issuer,
        env: { ...mode, MAILBOX_API: "false" },
      });
      try {
        const anonymous = await client(prod.url)
          .notifications.mailbox.list.query({})
          .catch((e: unknown) => e);
        expect(codeOf(anonymous)).toBe("UNAUTHORIZED");
        const customer = await client(prod.url, await issuer.sign({ sub: "c", email: "c@shop.test" }))
          .notifications.mailbox.list.query({})
          .catch((e: unknown) => e);
        expect(codeOf(customer)).toBe("FORBIDDEN");
        const byId = await client(prod.url)
          .notifications.mailbox.byId.query({ id: "x" })
          .catch((e: unknown) => e);
        expect(codeOf(byId)).toBe("UNAUTHORIZED");
        const admin = client(prod.url, await issuer.sign({ sub: "a", email: "a@shop.test", role: "admin" }));
        expect((await admin.notifications.mailbox.list.query({})).items).toEqual([]);
      } finally {
        await prod.dispose();
        await prodNats.dispose();
      }
    },
    20_000,
  );
});

import { afterAll, beforeAll, expect, test } from "bun:test";
import { SERVICE_TOKEN_HEADER } from "@mercato/kit";
import type { PaymentsRouter } from "@mercato/payments";
import { paymentsService } from "@mercato/payments/service";
import {
  type RunningServer,
  startNats,
  startRedis,
  startTestIssuer,
  startTestService,
  type TestIssuer,
  testServiceSigner,
} from "@mercato/testing";
import { mockThirdParties } from "@mercato/testing/msw";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { and, eq, sql } from "drizzle-orm";
import { HttpResponse, http } from "msw";
import superjson from "superjson";
import { messages } from "../src/db/schema.ts";
import { REDACTED_LINK } from "../src/domain/redact.ts";
import { notificationsService } from "../src/service.ts";
import { startDirectoryStub, waitFor } from "./support.ts";

/**
 * #27 over real parts: staff issue a gift card in the real payments service; its event crosses
 * real JetStream; notifications claims the code from payments over HTTP with its service
 * credential and emails it through Resend (msw, the one third party). The emailed code then
 * spends at checkout; the mailbox admins read never shows it.
 */
const sent: { to: string; subject: string; html: string; text: string }[] = [];
const msw = mockThirdParties(
  http.post("https://api.resend.com/emails", async ({ request }) => {
    const body = (await request.json()) as { to: string | string[]; subject: string; html: string; text: string };
    sent.push({ ...body, to: [body.to].flat()[0] ?? "" });
    return HttpResponse.json({ id: `re_${crypto.randomUUID()}` });
  }),
);

let nats: RunningServer;
let redis: RunningServer;
let issuer: TestIssuer;
let stub: ReturnType<typeof startDirectoryStub>;
let payments: Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof paymentsService.run>>>>>;
let notifications: Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof notificationsService.run>>>>>;

beforeAll(async () => {
  [nats, redis, issuer] = await Promise.all([startNats(), startRedis(), startTestIssuer()]);
  stub = startDirectoryStub();
  payments = await startTestService(paymentsService, { service: "payments", nats, redis, issuer });
  notifications = await startTestService(notificationsService, {
    service: "notifications",
    nats,
    redis,
    issuer,
    env: {
      RESEND_API_KEY: "re_test_key",
      SHOP_NAME: "Acme Goods",
      EMAIL_POLL_MS: "100",
      ORDERS_URL: stub.url,
      IDENTITY_URL: stub.url,
      PAYMENTS_URL: payments.url,
    },
  });
}, 60_000);

afterAll(async () => {
  await notifications?.dispose();
  await payments?.dispose();
  stub?.stop();
  msw.close();
  issuer?.stop();
  await Promise.all([nats?.dispose(), redis?.dispose()]);
});

function paymentsClient(headers: () => Promise<Record<string, string>>) {
  return createTRPCClient<PaymentsRouter>({
    links: [httpLink({ url: `${payments.url}/trpc`, transformer: superjson, headers })],
  });
}
const asService = (caller: "orders" | "notifications") => {
  const sign = testServiceSigner(caller);
  return paymentsClient(async () => ({ [SERVICE_TOKEN_HEADER]: await sign("payments") }));
};

test("an issued gift card is emailed to its recipient with its code, which then spends at checkout", async () => {
  const token = await issuer.sign({ sub: "staff-gc-mail", email: "staff-gc-mail@acme.test", role: "manager" });
  const staff = paymentsClient(async () => ({ authorization: `Bearer ${token}` }));
  const to = `gift-${Date.now().toString(36)}@shop.test`;
  const issued = await staff.payments.giftCards.admin.issue.mutate({
    amount: 2500,
    currency: "EUR",
    recipientEmail: to,
    recipientName: "Grace",
    message: "Enjoy!",
    reason: "a thank-you for a review",
  });

  const email = await waitFor(`the gift card email to ${to}`, async () => sent.find((m) => m.to === to));
  expect(email.subject).toBe("A €25.00 gift card for Acme Goods");
  expect(email.text).toContain("Hi Grace");
  expect(email.text).toContain("“Enjoy!”");
  const emailed = email.text.match(/GC(-[0-9A-Z]{1,4}){7}/)?.[0];
  expect(emailed).toBe(issued.code);
  expect(email.html).toContain(issued.code);

  // What admins can read in the mailbox never holds the code.
  const [row] = await notifications.deps.db.orm
    .select()
    .from(messages)
    .where(and(eq(messages.to, to), sql`${messages.template} = 'gift-card'`));
  expect(row?.status).toBe("sent");
  expect(row?.text).toContain(REDACTED_LINK);
  expect(row?.text).not.toContain(issued.code);
  expect(row?.html).not.toContain(issued.code);

  // Only notifications may claim a code.
  const claimed = await asService("orders")
    .payments.giftCards.internal.claimDelivery.mutate({ cardId: issued.card.id })
    .catch((err: unknown) => err);
  expect(claimed).toBeInstanceOf(TRPCClientError);
  expect((claimed as TRPCClientError<PaymentsRouter>).data).toMatchObject({ code: "FORBIDDEN", field: "caller" });

  const hold = await asService("orders").payments.giftCards.internal.hold.mutate({
    orderId: `ord_mail_${Date.now().toString(36)}`,
    code: emailed ?? "",
    amount: 4000,
    currency: "EUR",
  });
  expect(hold).toMatchObject({ amount: 2500, balance: 0 });
}, 60_000);

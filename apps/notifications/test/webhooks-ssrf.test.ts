import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ConfigError, loadEnv } from "@mercato/kit";
import { clientFor, failure, startAlone } from "@mercato/testing";
import { eq } from "drizzle-orm";
import { webhookEndpoints } from "../src/db/schema.ts";
import { refusedAddressReason } from "../src/domain/webhook-addresses.ts";
import { notificationsEnvSchema } from "../src/env.ts";
import { privateAddressesAllowed } from "../src/env-webhooks.ts";
import type { NotificationsRouter } from "../src/index.ts";
import { notificationsService } from "../src/service.ts";
import { REQUIRED_ENV, waitFor } from "./support.ts";

/**
 * The webhooks' SSRF defence (#24) as production runs it: private addresses refused (the
 * production default; here WEBHOOK_ALLOW_PRIVATE_ADDRESSES=false on NODE_ENV=test, the same code
 * path), when an endpoint is saved and again at send time, over the real service and a real
 * local receiver that must never be reached.
 */
describe("which addresses are public", () => {
  test("private, loopback, link-local, metadata and embedded-IPv4 forms are refused", () => {
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.100.100.200",
      "0.0.0.0",
      "255.255.255.255",
      "224.0.0.1",
      "::1",
      "::",
      "fe80::1",
      "fd00:ec2::254",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "64:ff9b::a00:1",
      "2002:a00:1::",
    ]) {
      expect(refusedAddressReason(a)).not.toBeNull();
    }
  });

  test("public unicast addresses pass", () => {
    for (const a of ["93.184.215.14", "8.8.8.8", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "::ffff:8.8.8.8"]) {
      expect(refusedAddressReason(a)).toBeNull();
    }
  });

  test("production refuses private addresses by default, and refuses the switch to allow them", () => {
    const base = {
      ...REQUIRED_ENV,
      SMS_TRANSPORT: "off",
      WEB_PUSH: "false",
      RESEND_API_KEY: "re_live",
    };
    const prod = loadEnv(notificationsEnvSchema, base);
    expect(prod.NODE_ENV).toBe("production");
    expect(privateAddressesAllowed(prod)).toBe(false);
    expect(() => loadEnv(notificationsEnvSchema, { ...base, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: "true" })).toThrow(
      ConfigError,
    );
    expect(privateAddressesAllowed(loadEnv(notificationsEnvSchema, { ...base, NODE_ENV: "development" }))).toBe(true);
  });
});

let alone: Awaited<ReturnType<typeof startAlone<Awaited<ReturnType<typeof notificationsService.run>>>>>;
let token: string;
const hits: string[] = [];
const receiver = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  fetch(req) {
    hits.push(req.headers.get("webhook-id") ?? "");
    return new Response("ok");
  },
});

beforeAll(async () => {
  alone = await startAlone(notificationsService, "notifications", {
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES: "false",
    WEBHOOK_POLL_MS: "100",
    WEBHOOK_MAX_ATTEMPTS: "1",
    ADMIN_ALERT_EMAILS: "ops@acme.test",
  });
  token = await alone.issuer.sign({ sub: "staff-1", email: "admin@acme.test", role: "admin" });
}, 60_000);

afterAll(async () => {
  receiver.stop(true);
  await alone?.dispose();
});

const staff = () => clientFor<NotificationsRouter>(alone.service.url, { token }).notifications.webhooks;

const refusal = (url: string) => failure(staff().create.mutate({ url, eventTypes: ["order.paid"] }));

describe("SSRF refusals with private addresses off", () => {
  test("an endpoint on a private, loopback, link-local or metadata address is a 400 naming url, and is not saved", async () => {
    for (const url of [
      `https://127.0.0.1:${receiver.port}/hooks`,
      "https://localhost/hooks",
      "https://169.254.169.254/latest/meta-data/",
      "https://[::1]/hooks",
      "https://[::ffff:127.0.0.1]/hooks",
      "https://10.0.0.8/hooks",
      "https://192.168.0.10/hooks",
      "https://100.100.100.200/latest",
      "https://[fd00:ec2::254]/latest",
      "https://no-such-host.invalid/hooks",
      `http://127.0.0.1:${receiver.port}/plain-http`,
    ]) {
      const err = await refusal(url);
      expect(err.data?.httpStatus).toBe(400);
      expect((err.data as { field?: string } | undefined)?.field).toBe("url");
    }
    expect(await alone.service.deps.db.orm.select().from(webhookEndpoints)).toHaveLength(0);
    // Editing an endpoint onto a private address is refused the same way.
    const err = await failure(staff().update.mutate({ id: "ep_any", url: "https://127.0.0.1/x" }));
    expect(err.data?.httpStatus).toBe(400);
    expect(hits).toHaveLength(0);
  });

  test("checked again at send time: an endpoint whose host now resolves privately is not sent to", async () => {
    // An endpoint saved while its name pointed elsewhere (DNS rebinding): here written straight in.
    const id = "ep_rebound";
    const now = new Date();
    await alone.service.deps.db.write((tx) =>
      tx.insert(webhookEndpoints).values({
        id,
        url: `http://localhost:${receiver.port}/hooks`,
        eventTypes: ["order.paid"],
        secretCiphertext: "",
        createdAt: now,
        updatedAt: now,
      }),
    );
    const sealed = await alone.service.deps.webhookSecrets.seal("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    await alone.service.deps.db.write((tx) =>
      tx.update(webhookEndpoints).set({ secretCiphertext: sealed }).where(eq(webhookEndpoints.id, id)),
    );
    const sent = await staff().sendTest.mutate({ id });
    const done = await waitFor(
      "the refused attempt",
      async () => {
        const d = await staff().delivery.query({ id: sent.id });
        return d.status === "failed" ? d : undefined;
      },
      20_000,
    );
    expect(done.log).toHaveLength(1);
    expect(done.log[0]?.statusCode).toBeNull();
    expect(done.log[0]?.error).toMatch(/^refused: localhost resolves to a non-public address/);
    expect(hits).toHaveLength(0);
  });
});

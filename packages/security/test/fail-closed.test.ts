// Production fails closed: a deploy that forgot a variable does not quietly run with development
// conveniences (demo logins, the test payment provider, an open mailbox), and the mailbox never
// hands out another user's one-time links. Start-up refusals are checked on the real entry points
// (`bun apps/<name>/src/main.ts`); the rest through the public origin, the gateway.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, startPlatform, TEST_SERVICE_KEYS, type TestPlatform, testSigningKey } from "@mercato/testing";
import { call } from "./wire.ts";

interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
}
type MailboxAnswer = { result: { data: { json: { items: { id: string; template: string; status: string }[] } } } };

/** What a bare production host has: no NODE_ENV, only what the operator set. */
function bareEnv(dir: string, name: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? dir,
    PORT: "0",
    DATABASE_URL: `file:${join(dir, `${name}.db`)}`,
    // Never reached: configuration is checked before anything connects.
    NATS_URL: "nats://127.0.0.1:1",
    REDIS_URL: "redis://127.0.0.1:1",
    JWKS_URL: "http://127.0.0.1:1/jwks",
    SERVICE_SIGNING_KEY: testSigningKey(name),
    SERVICE_PUBLIC_KEYS: TEST_SERVICE_KEYS.publicKeys,
    ...extra,
  };
}

/** Runs a service's real entry point and returns its exit code and what it said. */
async function start(name: string, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const proc = Bun.spawn(["bun", join(ROOT, "apps", name, "src", "main.ts")], {
    cwd: ROOT,
    env,
    stdout: "ignore",
    stderr: "pipe",
  });
  const timer = setTimeout(() => proc.kill("SIGKILL"), 30_000);
  const [code, stderr] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
  clearTimeout(timer);
  return { code, stderr };
}

describe("start-up refuses unsafe production configuration (NODE_ENV unset)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mercato-failclosed-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("payments without Stripe keys exits non-zero naming STRIPE_SECRET_KEY", async () => {
    const { code, stderr } = await start("payments", bareEnv(dir, "payments"));
    expect(code).not.toBe(0);
    expect(stderr).toContain("Environment variable STRIPE_SECRET_KEY is missing");
    // Half of the explicit choice is not enough.
    const half = await start("payments", bareEnv(dir, "payments", { PAYMENTS_PROVIDER: "test" }));
    expect(half.code).not.toBe(0);
    expect(half.stderr).toContain("STRIPE_SECRET_KEY");
  }, 60_000);

  test("notifications without RESEND_API_KEY exits non-zero naming it", async () => {
    const { code, stderr } = await start("notifications", bareEnv(dir, "notifications"));
    expect(code).not.toBe(0);
    expect(stderr).toContain("Environment variable RESEND_API_KEY is missing");
  }, 60_000);

  test("notifications without Twilio or VAPID keys exits non-zero naming them (#22)", async () => {
    const { code, stderr } = await start(
      "notifications",
      bareEnv(dir, "notifications", { RESEND_API_KEY: "re_live_key" }),
    );
    expect(code).not.toBe(0);
    expect(stderr).toContain("TWILIO_ACCOUNT_SID");
    expect(stderr).toContain("VAPID_PUBLIC_KEY");
  }, 60_000);

  test("notifications with the open mailbox API exits non-zero naming MAILBOX_API", async () => {
    const env = bareEnv(dir, "notifications", {
      RESEND_API_KEY: "re_live_key",
      SMS_TRANSPORT: "off",
      WEB_PUSH: "false",
      MAILBOX_API: "true",
    });
    const { code, stderr } = await start("notifications", env);
    expect(code).not.toBe(0);
    expect(stderr).toContain("Environment variable MAILBOX_API");
  }, 60_000);

  test("SEED_DEMO=true exits non-zero naming SEED_DEMO, for every service that seeds", async () => {
    const own: Record<string, Record<string, string>> = {
      identity: { BETTER_AUTH_SECRET: "a".repeat(40) },
      catalog: {},
      inventory: {},
      cart: {},
      orders: {},
      notifications: { RESEND_API_KEY: "re_live_key", SMS_TRANSPORT: "off", WEB_PUSH: "false" },
    };
    for (const [name, extra] of Object.entries(own)) {
      const { code, stderr } = await start(name, bareEnv(dir, name, { ...extra, SEED_DEMO: "true" }));
      expect(code, name).not.toBe(0);
      expect(stderr, name).toContain("Environment variable SEED_DEMO must not be true in production");
    }
  }, 180_000);

  test("identity without BETTER_AUTH_SECRET exits non-zero naming it (no dev default)", async () => {
    const { code, stderr } = await start("identity", bareEnv(dir, "identity"));
    expect(code).not.toBe(0);
    expect(stderr).toContain("Environment variable BETTER_AUTH_SECRET is missing");
  }, 60_000);
});

describe("through the gateway, with production payments and notifications", () => {
  let p: TestPlatform<"identity" | "notifications" | "payments", "notifications">;
  let gateway: string;
  const sent: OutgoingEmail[] = [];

  beforeAll(async () => {
    p = await startPlatform({
      services: ["identity", "notifications", "payments"],
      inProcess: ["notifications"],
      gateway: true,
      // Identity (a test-mode process) seeds the demo admin; production services seed nothing.
      seedDemo: ["identity"],
      env: {
        notifications: {
          NODE_ENV: "production",
          EMAIL_TRANSPORT: "mailbox",
          ALLOW_MAILBOX_EMAIL: "true",
          MAILBOX_API: "false",
        },
        payments: { NODE_ENV: "production", PAYMENTS_PROVIDER: "test", ALLOW_TEST_PAYMENTS: "true" },
      },
    });
    gateway = p.gateway?.url ?? "";
    // The transport, in this process: what really leaves for the recipient.
    const deps = p.inProcess.notifications.deps as unknown as {
      transport: { send: (e: OutgoingEmail) => Promise<unknown> };
    };
    const { transport } = deps;
    const send = transport.send.bind(transport);
    transport.send = async (email) => {
      sent.push(email);
      return send(email);
    };
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
  });

  test("the mailbox API is closed: 401 anonymous, 403 for a customer, on list and byId", async () => {
    const customer = await (await p.signUp()).getToken();
    for (const [path, input] of [
      ["notifications.mailbox.list", {}],
      ["notifications.mailbox.byId", { id: "x" }],
    ] as const) {
      expect((await call(gateway, path, "query", input)).status).toBe(401);
      expect((await call(gateway, path, "query", input, { bearer: customer ?? "" })).status).toBe(403);
    }
  }, 60_000);

  test("a password-reset link is redacted in the mailbox: an admin cannot take over the account", async () => {
    const victim = await p.signUp();
    const asked = await fetch(`${gateway}/api/auth/request-password-reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: victim.email }),
    });
    expect(asked.status).toBe(200);
    const admin = (await (await p.signInDemoAdmin()).getToken()) ?? "";
    // The admin (or anyone who reads the mailbox) sees the email, not the link.
    let body = "";
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const list = await call(gateway, "notifications.mailbox.list", "query", { to: victim.email }, { bearer: admin });
      expect(list.status).toBe(200);
      const items = (JSON.parse(list.body) as MailboxAnswer).result.data.json.items;
      const id = items.find((m) => m.template === "password-reset" && m.status === "sent")?.id;
      if (id) {
        const one = await call(gateway, "notifications.mailbox.byId", "query", { id }, { bearer: admin });
        expect(one.status).toBe(200);
        body = one.body;
        break;
      }
      await Bun.sleep(100);
    }
    expect(body).toContain("password-reset");
    expect(body).toContain("[link sent to the recipient]");
    expect(body).not.toContain("token=");
    expect(body).not.toContain("secretUrl");
    // The real email carried the link to the recipient.
    const email = sent.find((e) => e.to === victim.email && e.subject.startsWith("Reset your"));
    expect(email?.text).toMatch(/reset-password\?token=[^\s]{10,}/);
    expect(email?.html).toContain("reset-password?token=");
    // Nor does the database keep it once the email is sent.
    const rows = await p.inProcess.notifications.deps.db.client.execute({
      sql: 'SELECT html, text, secret_url FROM messages WHERE "to" = ?',
      args: [victim.email],
    });
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows.rows)).not.toContain("token=");
  }, 60_000);

  test("payments.mode tells the storefront it runs the test provider (the test-mode banner)", async () => {
    const r = await call(gateway, "payments.mode", "query", undefined);
    expect(r.status).toBe(200);
    expect(r.body).toContain('"testMode":true');
    expect(r.body).toContain('"provider":"test"');
  }, 30_000);
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DEMO_USERS } from "../src/demo.ts";
import { describeDevice, displayAddress } from "../src/domain/user-agent.ts";
import {
  authHttp,
  client,
  type Identity,
  jwtFor,
  linkOf,
  type Session,
  signIn,
  signUp,
  startIdentity,
  trpcError,
  uniqueEmail,
} from "./harness.ts";

/**
 * The customer's own account (#20) against a real identity (better-auth, NATS, Redis, libSQL):
 * preferences with their event, sessions listed and revoked (tokens stop within seconds),
 * password and email changes, phone at sign-up, deletion by the user and by an admin.
 */
let id: Identity;
const PASSWORD = "correct-horse-1";
const [demoAdmin] = DEMO_USERS;

beforeAll(async () => {
  id = await startIdentity({ SEED_DEMO: "true" });
}, 30_000);

afterAll(() => id?.dispose());

const as = async (session: Session) => client(id.url, await jwtFor(id.url, session));

/**
 * Polls until `call` fails with 401 (the revocation list is refreshed about every second); the
 * last outcome otherwise (a deleted user's still-valid token first meets "not found").
 */
async function refusedWithin(call: () => Promise<unknown>, timeoutMs = 5_000): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const code = await call().then(
      () => "still accepted",
      (e: { data?: { code?: string } }) => e.data?.code,
    );
    if (code === "UNAUTHORIZED" || Date.now() > deadline) return code;
    await Bun.sleep(100);
  }
}

describe("preferences", () => {
  test("defaults: marketing off, email for every other kind; a save is kept and announced", async () => {
    const session = await signUp(id.url);
    const me = await as(session);
    const before = await me.identity.account.preferences.get.query();
    expect(before.marketingConsent).toBe(false);
    expect(before.marketingConsentAt).toBeNull();
    expect(before.channels).toEqual({
      order_updates: ["email"],
      shipping_updates: ["email"],
      returns: ["email"],
      account: ["email"],
      marketing: [],
    });

    const saved = await me.identity.account.preferences.save.mutate({
      marketingConsent: true,
      regionId: "uk",
      language: "en-GB",
      channels: { shipping_updates: ["email", "sms"], marketing: ["email"] },
    });
    expect(saved.marketingConsent).toBe(true);
    expect(saved.marketingConsentAt).toBeInstanceOf(Date);
    expect(saved.channels.shipping_updates).toEqual(["email", "sms"]);
    expect(saved.channels.marketing).toEqual(["email"]);
    expect(await me.identity.account.preferences.get.query()).toEqual(saved);

    const event = await id.events.waitFor("identity.user.preferences_changed.v1", (d) => d.userId === session.userId);
    expect(event.data).toMatchObject({ marketingConsent: true, regionId: "uk", language: "en-GB" });
    expect((event.data.channels as Record<string, string[]>).marketing).toEqual(["email"]);

    // Consent keeps its first date while it stays given; withdrawn, it has none and marketing goes nowhere.
    const again = await me.identity.account.preferences.save.mutate({ ...saved, channels: saved.channels });
    expect(again.marketingConsentAt?.getTime()).toBe(saved.marketingConsentAt?.getTime());
    const withdrawn = await me.identity.account.preferences.save.mutate({ ...saved, marketingConsent: false });
    expect(withdrawn.marketingConsentAt).toBeNull();
    expect(withdrawn.channels.marketing).toEqual([]);
    // Consent with no channel ticked: the default channel (email).
    const consented = await me.identity.account.preferences.save.mutate({
      ...withdrawn,
      marketingConsent: true,
      channels: {},
    });
    expect(consented.channels.marketing).toEqual(["email"]);
  });

  test("an unknown kind or channel, or a bad language tag, is a 400 naming the field", async () => {
    const me = await as(await signUp(id.url));
    const base = { marketingConsent: false, regionId: null, language: null, channels: {} };
    const badLanguage = await trpcError(
      me.identity.account.preferences.save.mutate({ ...base, language: "not a tag" }),
    );
    expect(badLanguage.data?.code).toBe("BAD_REQUEST");
    expect(badLanguage.data?.field).toBe("language");
    const badChannel = await trpcError(
      // @ts-expect-error: a channel that does not exist
      me.identity.account.preferences.save.mutate({ ...base, channels: { account: ["pigeon"] } }),
    );
    expect(badChannel.data?.code).toBe("BAD_REQUEST");
    expect(String(badChannel.data?.field)).toStartWith("channels");
  });
});

describe("sessions", () => {
  test("lists own sessions with device, address and this one marked; revoking one stops its tokens", async () => {
    const email = uniqueEmail("sessions");
    const first = await signUp(id.url, email, PASSWORD);
    const laptopIp = "10.9.0.1";
    const second = await (async () => {
      const res = await authHttp(id.url, laptopIp).post(
        "/sign-in/email",
        { email, password: PASSWORD },
        {
          "user-agent":
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15",
        },
      );
      expect(res.status).toBe(200);
      return { sessionToken: String(res.headers.get("set-auth-token")) };
    })();
    const firstJwt = await jwtFor(id.url, first);
    const secondJwt = await jwtFor(id.url, second);
    const mine = client(id.url, firstJwt);

    const list = await mine.identity.account.sessions.list.query();
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const other = list.find((s) => !s.current);
    expect(other?.device).toBe("Safari on macOS");
    expect(other?.ipAddress).toBe(laptopIp);
    expect(other?.lastSeenAt).toBeInstanceOf(Date);

    // Another user cannot end it (not found, no hint), and the owner can.
    const stranger = await as(await signUp(id.url));
    const foreign = await trpcError(stranger.identity.account.sessions.revoke.mutate({ id: String(other?.id) }));
    expect(foreign.data?.code).toBe("NOT_FOUND");
    expect(await mine.identity.account.sessions.revoke.mutate({ id: String(other?.id) })).toEqual({ revoked: 1 });

    expect(await refusedWithin(() => client(id.url, secondJwt).identity.me.query())).toBe("UNAUTHORIZED");
    const tokenRes = await authHttp(id.url).get("/token", { authorization: `Bearer ${second.sessionToken}` });
    expect(tokenRes.status).toBe(401);
    // The caller's own session goes on.
    expect((await mine.identity.me.query()).email).toBe(email);
    expect(await mine.identity.account.sessions.list.query()).toHaveLength(1);
  });

  test("revoke all others keeps the caller's session only", async () => {
    const email = uniqueEmail("others");
    const keep = await signUp(id.url, email, PASSWORD);
    const a = await signIn(id.url, email, PASSWORD);
    const b = await signIn(id.url, email, PASSWORD);
    const aJwt = await jwtFor(id.url, a);
    const me = await as(keep);
    expect(await me.identity.account.sessions.list.query()).toHaveLength(3);
    expect(await me.identity.account.sessions.revokeOthers.mutate()).toEqual({ revoked: 2 });
    expect(await refusedWithin(() => client(id.url, aJwt).identity.me.query())).toBe("UNAUTHORIZED");
    expect((await authHttp(id.url).get("/token", { authorization: `Bearer ${b.sessionToken}` })).status).toBe(401);
    const left = await me.identity.account.sessions.list.query();
    expect(left.map((s) => s.current)).toEqual([true]);
  });

  test("devices are named from the user agent", () => {
    expect(describeDevice("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Gecko/20100101 Firefox/128.0")).toBe(
      "Firefox on Windows",
    );
    expect(
      describeDevice("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"),
    ).toBe("Chrome on Android");
    expect(describeDevice("")).toBeNull();
    expect(displayAddress("0000:0000:0000:0000:0000:0000:0000:0000")).toBe("::");
    expect(displayAddress("2001:0db8:0000:0000:0000:0000:0000:0001")).toBe("2001:db8::1");
    expect(displayAddress("203.0.113.9")).toBe("203.0.113.9");
  });
});

describe("password and email", () => {
  test("a change of password needs the current one, refuses a guessable one, and ends the other sessions", async () => {
    const email = uniqueEmail("pw");
    const session = await signUp(id.url, email, PASSWORD);
    const elsewhere = await signIn(id.url, email, PASSWORD);
    const elsewhereJwt = await jwtFor(id.url, elsewhere);
    const auth = { authorization: `Bearer ${session.sessionToken}` };
    const http = authHttp(id.url);

    const wrong = await http.post("/change-password", { currentPassword: "not-it-at-all-9", newPassword: "x" }, auth);
    expect(wrong.status).toBe(400);
    const weak = await http.post("/change-password", { currentPassword: PASSWORD, newPassword: "password123" }, auth);
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { code: string }).code).toBe("PASSWORD_TOO_WEAK");

    const next = "violet-kestrel-harbour-71";
    const ok = await http.post("/change-password", { currentPassword: PASSWORD, newPassword: next }, auth);
    expect(ok.status).toBe(200);
    // Other sessions are gone (better-auth) and their JWTs stop everywhere (revocation list).
    expect((await http.get("/token", { authorization: `Bearer ${elsewhere.sessionToken}` })).status).toBe(401);
    expect(await refusedWithin(() => client(id.url, elsewhereJwt).identity.me.query())).toBe("UNAUTHORIZED");
    expect((await authHttp(id.url).post("/sign-in/email", { email, password: PASSWORD })).status).toBe(401);
    await signIn(id.url, email, next);
  });

  test("a change of email mails a link to the new address; following it changes the email", async () => {
    const session = await signUp(id.url);
    const newEmail = uniqueEmail("moved");
    const res = await authHttp(id.url).post(
      "/change-email",
      { newEmail, callbackURL: "/account" },
      { authorization: `Bearer ${session.sessionToken}` },
    );
    expect(res.status).toBe(200);
    const event = await id.events.waitFor("identity.email_verification.requested.v2", (d) => d.email === newEmail);
    expect(event.data.userId).toBe(session.userId);
    const link = await linkOf(id.url, event);
    expect(link.pathname).toBe("/account/verify-email");
    const verify = await authHttp(id.url).get(`/verify-email?token=${link.searchParams.get("token")}`);
    expect(verify.status).toBeLessThan(400);
    const me = await client(
      id.url,
      await jwtFor(id.url, await signIn(id.url, newEmail, "correct-horse-1")),
    ).identity.me.query();
    expect(me.email).toBe(newEmail);
  });

  test("phone at sign-up: optional, stored in E.164, refused when not a number", async () => {
    const email = uniqueEmail("phone");
    const http = authHttp(id.url);
    const bad = await http.post("/sign-up/email", { email, password: PASSWORD, name: "Phone", phone: "12345" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field?: string }).field).toBe("phone");
    const ok = await http.post("/sign-up/email", {
      email,
      password: PASSWORD,
      name: "Phone",
      phone: "+44 20 7946 0018",
    });
    expect(ok.status).toBe(200);
    const me = await (await as(await signIn(id.url, email, PASSWORD))).identity.me.query();
    expect(me.phone).toBe("+442079460018");
    const none = await signUp(id.url);
    expect((await (await as(none)).identity.me.query()).phone).toBeNull();
  });
});

describe("deleting an account", () => {
  test("needs the password; then identity forgets the user and announces it", async () => {
    const email = uniqueEmail("gone");
    const session = await signUp(id.url, email, PASSWORD);
    const me = await as(session);
    await me.identity.addresses.create.mutate({
      name: "Gone Person",
      line1: "1 Main Street",
      city: "Berlin",
      postalCode: "10115",
      country: "DE",
    });
    await me.identity.account.preferences.save.mutate({
      marketingConsent: true,
      regionId: null,
      language: null,
      channels: {},
    });

    const wrong = await trpcError(me.identity.account.delete.mutate({ password: "not-the-password-1" }));
    expect(wrong.data?.code).toBe("BAD_REQUEST");
    expect(wrong.data?.field).toBe("password");

    expect(await me.identity.account.delete.mutate({ password: PASSWORD })).toEqual({ deleted: true });
    const event = await id.events.waitFor("identity.user.deleted.v1", (d) => d.userId === session.userId);
    expect(event.data.email).toBe(email);

    expect(await refusedWithin(() => me.identity.me.query())).toBe("UNAUTHORIZED");
    expect((await authHttp(id.url).post("/sign-in/email", { email, password: PASSWORD })).status).toBe(401);
    // No row in identity's database holds the address any more (the sent event's row included).
    const deadline = Date.now() + 5_000;
    let holders: string[] = [];
    do {
      holders = await tablesHolding(email);
      if (holders.length === 0) break;
      await Bun.sleep(100);
    } while (Date.now() < deadline);
    expect(holders).toEqual([]);
    const { db } = id.service.deps;
    for (const table of ["addresses", "user_preferences", "account"]) {
      const rows = await db.client.execute({
        sql: `SELECT count(*) AS n FROM ${table} WHERE user_id = ?`,
        args: [session.userId],
      });
      expect(Number(rows.rows[0]?.n)).toBe(0);
    }
  });

  test("an admin's removal (better-auth's and identity's own) does the same", async () => {
    const adminJwt = await jwtFor(id.url, await signIn(id.url, demoAdmin.email, demoAdmin.password));
    const adminSession = await signIn(id.url, demoAdmin.email, demoAdmin.password);

    const viaTrpc = await signUp(id.url);
    const viaTrpcJwt = await jwtFor(id.url, viaTrpc);
    const admin = client(id.url, adminJwt);
    expect(await admin.identity.admin.users.delete.mutate({ userId: viaTrpc.userId })).toEqual({ deleted: true });
    await id.events.waitFor("identity.user.deleted.v1", (d) => d.userId === viaTrpc.userId);
    expect(await refusedWithin(() => client(id.url, viaTrpcJwt).identity.me.query())).toBe("UNAUTHORIZED");
    const self = await trpcError(
      admin.identity.admin.users.delete.mutate({ userId: (await admin.identity.me.query()).id }),
    );
    expect(self.data?.field).toBe("userId");
    const customer = await as(await signUp(id.url));
    const notAdmin = await trpcError(customer.identity.admin.users.delete.mutate({ userId: viaTrpc.userId }));
    expect(notAdmin.data?.code).toBe("FORBIDDEN");

    const viaAuth = await signUp(id.url);
    const res = await authHttp(id.url).post(
      "/admin/remove-user",
      { userId: viaAuth.userId },
      { authorization: `Bearer ${adminSession.sessionToken}` },
    );
    expect(res.status).toBe(200);
    const event = await id.events.waitFor("identity.user.deleted.v1", (d) => d.userId === viaAuth.userId);
    expect(event.data.email).toBe(viaAuth.email);
  });
});

/** The tables of identity's database with a text column holding `needle`. */
async function tablesHolding(needle: string): Promise<string[]> {
  const { db } = id.service.deps;
  const tables = await db.client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
  const found: string[] = [];
  for (const { name } of tables.rows) {
    const cols = await db.client.execute(`SELECT name, type FROM pragma_table_info('${String(name)}')`);
    for (const col of cols.rows) {
      const hit = await db.client.execute({
        sql: `SELECT 1 FROM "${String(name)}" WHERE instr(lower(CAST("${String(col.name)}" AS TEXT)), lower(?)) > 0 LIMIT 1`,
        args: [needle],
      });
      if (hit.rows.length > 0) found.push(`${String(name)}.${String(col.name)}`);
    }
  }
  return found;
}

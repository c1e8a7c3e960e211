import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createUserVerifier } from "@mercato/kit";
import { startTestService, testServiceSigner } from "@mercato/testing";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { decodeJwt, decodeProtectedHeader } from "jose";
import superjson from "superjson";
import {
  authHttp,
  client,
  freshIp,
  type Identity,
  jwtFor,
  linkOf,
  STOREFRONT,
  signIn,
  signUp,
  startIdentity,
  trpcError,
  uniqueEmail,
} from "./harness.ts";
import { type whoamiRouter, whoamiService } from "./whoami-service.ts";

let id: Identity;
let whoami: Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof whoamiService.run>>>>>;

beforeAll(async () => {
  id = await startIdentity({
    RATE_LIMIT_SIGN_IN_PER_EMAIL: "3",
    RATE_LIMIT_RESET_PER_EMAIL: "2",
    RATE_LIMIT_PER_IP: "6",
  });
  whoami = await startTestService(whoamiService, {
    service: "whoami",
    nats: id.nats,
    redis: id.redis,
    issuer: id.issuer,
    env: { JWKS_URL: `${id.url}/api/auth/jwks` },
  });
}, 30_000);

afterAll(async () => {
  await whoami?.dispose();
  await id?.dispose();
});

const userCount = async () => (await id.service.deps.db.client.execute("SELECT count(*) AS n FROM user")).rows[0]?.n;

describe("sign-up, sign-in and tokens", () => {
  test("a JWT from identity is trusted by another service through identity's JWKS", async () => {
    const email = uniqueEmail("jwt");
    const created = await signUp(id.url, email, "correct-horse-1", "Ann");
    const session = await signIn(id.url, email, "correct-horse-1");
    expect(session.userId).toBe(created.userId);
    const jwt = await jwtFor(id.url, session);

    // The exact claims the kit reads, EdDSA-signed, 15 minutes.
    expect(decodeProtectedHeader(jwt).alg).toBe("EdDSA");
    const claims = decodeJwt(jwt);
    expect(claims).toMatchObject({
      sub: created.userId,
      email,
      role: "customer",
      perms: [],
      iss: "mercato",
      aud: "mercato",
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(15 * 60);

    // A verifier of our own, in this process, against identity's JWKS over HTTP.
    const verify = createUserVerifier({ jwksUrl: `${id.url}/api/auth/jwks`, issuer: "mercato", audience: "mercato" });
    const customer = {
      id: created.userId,
      email,
      role: "customer",
      permissions: [],
      sellerId: null,
      refundLimit: null,
      // In no customer group (#27): no `grp` claim.
      customerGroup: null,
    };
    expect(await verify(jwt)).toEqual(customer);

    // A second kit service: knows the user from the token alone.
    const other = createTRPCClient<typeof whoamiRouter>({
      links: [
        httpBatchLink({
          url: `${whoami.url}/trpc`,
          transformer: superjson,
          headers: { authorization: `Bearer ${jwt}` },
        }),
      ],
    });
    expect(await other.whoami.query()).toEqual(customer);
    const refused = await trpcError(other.adminOnly.query());
    expect(refused.data).toMatchObject({ code: "FORBIDDEN", field: "permission" });
    expect(refused.message).toContain("settings.write");

    // And identity itself.
    const me = await client(id.url, jwt).identity.me.query();
    expect(me).toMatchObject({ id: created.userId, email, name: "Ann", role: "customer" });
  });

  test("sign-up announces identity.user.registered.v1 through the outbox", async () => {
    const s = await signUp(id.url, uniqueEmail("reg"), "correct-horse-1", "Reg");
    const event = await id.events.waitFor("identity.user.registered.v1", (d) => d.userId === s.userId);
    expect(event.data).toEqual({ userId: s.userId, email: s.email, name: "Reg", role: "customer" });
    expect(event.key).toBe(s.userId);
  });

  test("concurrent sign-ups all succeed: better-auth's writes share the one serialized writer", async () => {
    const sessions = await Promise.all(Array.from({ length: 8 }, () => signUp(id.url, uniqueEmail("burst"))));
    expect(new Set(sessions.map((s) => s.userId)).size).toBe(8);
    for (const s of sessions) await id.events.waitFor("identity.user.registered.v1", (d) => d.userId === s.userId);
  });

  test("emails are trimmed and lower-cased at sign-up and sign-in", async () => {
    const local = uniqueEmail("mixed");
    const s = await signUp(id.url, `  ${local.toUpperCase()} `);
    expect(s.email).toBe(local);
    const again = await signIn(id.url, ` ${local.replace("mixed", "MIXED")}`, "correct-horse-1");
    expect(again.userId).toBe(s.userId);
  });

  test("cookie sessions are HTTP-only and end at sign-out", async () => {
    const email = uniqueEmail("cookie");
    await signUp(id.url, email);
    const res = await authHttp(id.url).post("/sign-in/email", { email, password: "correct-horse-1" });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token="));
    expect(setCookie).toBeDefined();
    expect(setCookie?.toLowerCase()).toContain("httponly");
    const cookie = setCookie?.split(";")[0] ?? "";

    const before = await authHttp(id.url).get("/get-session", { cookie });
    expect(((await before.json()) as { user: { email: string } }).user.email).toBe(email);
    // The cookie also buys a JWT for the other services.
    expect((await authHttp(id.url).get("/token", { cookie })).status).toBe(200);

    expect((await authHttp(id.url).post("/sign-out", {}, { cookie })).status).toBe(200);
    const after = await authHttp(id.url).get("/get-session", { cookie });
    expect(await after.json()).toBeNull();
    expect((await authHttp(id.url).get("/token", { cookie })).status).toBe(401);
  });

  test("no token, or a forged one, is 401 on identity.me", async () => {
    expect((await trpcError(client(id.url).identity.me.query())).data?.code).toBe("UNAUTHORIZED");
    const forged = await id.issuer.sign({ sub: "someone", email: "x@example.com", role: "admin" });
    const err = await trpcError(client(id.url, forged).identity.me.query());
    expect(err.data?.code).toBe("UNAUTHORIZED");
  });
});

describe("bad input is refused with a 4xx and writes nothing", () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ["malformed email", { email: "not-an-email", password: "correct-horse-1", name: "X" }, /email/i],
    ["short password", { email: "short@example.com", password: "short", name: "X" }, /password/i],
    ["long password", { email: "long@example.com", password: "x".repeat(129), name: "X" }, /password/i],
  ];
  for (const [what, body, message] of cases) {
    test(what, async () => {
      const before = await userCount();
      const res = await authHttp(id.url).post("/sign-up/email", body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
      expect(await userCount()).toBe(before);
    });
  }

  test("duplicate email (whatever its case): answered exactly like a new account, nothing written", async () => {
    const email = uniqueEmail("dup");
    const owner = await signUp(id.url, email);
    const before = await userCount();
    const dup = await authHttp(id.url).post("/sign-up/email", {
      email: email.toUpperCase(),
      password: "correct-horse-1",
      name: "Again",
    });
    const fresh = await authHttp(id.url).post("/sign-up/email", {
      email: uniqueEmail("fresh"),
      password: "correct-horse-1",
      name: "Again",
    });
    expect(dup.status).toBe(fresh.status);
    expect(dup.status).toBe(200);
    const shape = (body: unknown) =>
      JSON.stringify(body, (_k, v) => (typeof v === "string" || v === null ? typeof v : v));
    const [dupBody, freshBody] = [(await dup.json()) as { user: { id: string } }, await fresh.json()];
    expect(shape(dupBody)).toBe(shape(freshBody));
    expect(dupBody.user.id).not.toBe(owner.userId);
    expect(dup.headers.get("set-auth-token")).toBeNull();
    expect(dup.headers.getSetCookie()).toEqual(fresh.headers.getSetCookie());
    expect(await userCount()).toBe(Number(before) + 1);
    // The owner's password still works; the duplicate's did not replace it.
    await signIn(id.url, email, "correct-horse-1");
  });

  test("change password needs the right old password", async () => {
    const email = uniqueEmail("chg");
    const s = await signUp(id.url, email, "old-password-1");
    const auth = { authorization: `Bearer ${s.sessionToken}` };
    const wrong = await authHttp(id.url).post(
      "/change-password",
      { currentPassword: "not-my-password", newPassword: "new-password-1" },
      auth,
    );
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { message: string }).message).toMatch(/password/i);
    await signIn(id.url, email, "old-password-1"); // unchanged

    const right = await authHttp(id.url).post(
      "/change-password",
      { currentPassword: "old-password-1", newPassword: "new-password-1" },
      auth,
    );
    expect(right.status).toBe(200);
    await signIn(id.url, email, "new-password-1");
  });
});

describe("password reset", () => {
  test("end to end, with a single-use token from the event", async () => {
    const email = uniqueEmail("reset");
    const s = await signUp(id.url, email, "forgotten-pass-1");
    const res = await authHttp(id.url).post("/request-password-reset", { email });
    expect(res.status).toBe(200);

    const event = await id.events.waitFor("identity.password_reset.requested.v2", (d) => d.userId === s.userId);
    const resetUrl = await linkOf(id.url, event);
    expect(`${resetUrl.origin}${resetUrl.pathname}`).toBe(`${STOREFRONT}/account/reset-password`);
    expect(Date.parse(String(event.data.expiresAt))).toBeGreaterThan(Date.now());
    const token = resetUrl.searchParams.get("token") ?? "";
    expect(token.length).toBeGreaterThan(10);
    // The bus carries the facts and an opaque id, never the link or its token.
    expect(Object.keys(event.data).sort()).toEqual(["email", "expiresAt", "linkId", "name", "userId"]);
    expect(JSON.stringify(event)).not.toContain(token);

    const reset = await authHttp(id.url).post("/reset-password", { token, newPassword: "remembered-pass-1" });
    expect(reset.status).toBe(200);
    await signIn(id.url, email, "remembered-pass-1");
    const old = await authHttp(id.url).post("/sign-in/email", { email, password: "forgotten-pass-1" });
    expect(old.status).toBe(401);
    // The session from before the reset is gone.
    expect((await authHttp(id.url).get("/token", { authorization: `Bearer ${s.sessionToken}` })).status).toBe(401);

    const reused = await authHttp(id.url).post("/reset-password", { token, newPassword: "another-pass-1" });
    expect(reused.status).toBe(400);
    expect(((await reused.json()) as { message: string }).message).toMatch(/token/i);
    await signIn(id.url, email, "remembered-pass-1");
  });

  test("the link is claimed by notifications only, and an unknown or expired one is not found", async () => {
    const email = uniqueEmail("claim");
    const s = await signUp(id.url, email, "forgotten-pass-1");
    await authHttp(id.url).post("/request-password-reset", { email });
    const event = await id.events.waitFor("identity.password_reset.requested.v2", (d) => d.userId === s.userId);
    const linkId = String(event.data.linkId);
    const asOrders = client(id.url, undefined, await testServiceSigner("orders")("identity"));
    const refused = await trpcError(asOrders.identity.internal.accountLink.mutate({ linkId }));
    expect(refused.data?.code).toBe("FORBIDDEN");
    expect((await trpcError(client(id.url).identity.internal.accountLink.mutate({ linkId }))).data?.code).toBe(
      "UNAUTHORIZED",
    );
    // A redelivered event may claim again (notifications crashed before recording the email).
    const first = await linkOf(id.url, event);
    expect((await linkOf(id.url, event)).href).toBe(first.href);
    const unknown = { data: { linkId: crypto.randomUUID() } };
    expect((await trpcError(linkOf(id.url, unknown))).data?.code).toBe("NOT_FOUND");
    // Past the re-claim window the link is gone from identity.
    const { claimAccountLink, RECLAIM_WINDOW_MS } = await import("../src/app/account-links.ts");
    const later = new Date(Date.now() + RECLAIM_WINDOW_MS + 1_000);
    const gone = await claimAccountLink(id.service.deps, linkId, later).catch((err: unknown) => err);
    expect((gone as { kind?: string }).kind).toBe("not_found");
  });

  test("an expired token is refused", async () => {
    const email = uniqueEmail("expired");
    const s = await signUp(id.url, email, "forgotten-pass-1");
    await authHttp(id.url).post("/request-password-reset", { email });
    const event = await id.events.waitFor("identity.password_reset.requested.v2", (d) => d.userId === s.userId);
    const token = (await linkOf(id.url, event)).searchParams.get("token") ?? "";
    // Age the stored token as if its hour had passed (it lives in Redis, as secondary storage).
    const redis = id.service.deps.redis;
    const [key] = await redis.keys(`*reset-password:${token}*`);
    expect(key).toBeDefined();
    const stored = JSON.parse(String(await redis.get(String(key)))) as { expiresAt: string };
    await redis.set(String(key), JSON.stringify({ ...stored, expiresAt: new Date(Date.now() - 1000).toISOString() }), {
      EX: 60,
    });
    const res = await authHttp(id.url).post("/reset-password", { token, newPassword: "remembered-pass-1" });
    expect(res.status).toBe(400);
    await signIn(id.url, email, "forgotten-pass-1");
  });

  test("the answer for an unknown email is the same as for a known one", async () => {
    const known = uniqueEmail("known");
    await signUp(id.url, known);
    const a = await authHttp(id.url).post("/request-password-reset", { email: known });
    const b = await authHttp(id.url).post("/request-password-reset", { email: uniqueEmail("nobody") });
    expect(a.status).toBe(b.status);
    expect(await a.json()).toEqual(await b.json());
  });
});

describe("rate limits", () => {
  test("failed sign-ins per email: 429 with Retry-After, even with the right password", async () => {
    const email = uniqueEmail("guess");
    await signUp(id.url, email);
    for (let i = 0; i < 3; i++) {
      const res = await authHttp(id.url).post("/sign-in/email", { email, password: `wrong-guess-${i}` });
      expect(res.status).toBe(401);
    }
    const blocked = await authHttp(id.url).post("/sign-in/email", { email, password: "correct-horse-1" });
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Another account from the same address is not affected.
    const other = uniqueEmail("bystander");
    await signUp(id.url, other);
    await signIn(id.url, other, "correct-horse-1");
  });

  test("sign-in attempts per client address", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await authHttp(id.url, ip).post("/sign-in/email", {
        email: uniqueEmail("spray"),
        password: "x-x-x-x-x",
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });

  test("reset requests per email, known or not", async () => {
    for (const email of [uniqueEmail("nobody"), (await signUp(id.url)).email]) {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await authHttp(id.url).post("/request-password-reset", { email })).status);
      expect(statuses).toEqual([200, 200, 429]);
    }
  });
});

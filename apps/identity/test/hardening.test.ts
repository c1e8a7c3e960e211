import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestService } from "@mercato/testing";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { decodeJwt } from "jose";
import superjson from "superjson";
import { DEMO_USERS } from "../src/demo.ts";
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
  uniqueEmail,
} from "./harness.ts";
import { type whoamiRouter, whoamiService } from "./whoami-service.ts";

let id: Identity;
let whoami: Awaited<ReturnType<typeof startTestService<Awaited<ReturnType<typeof whoamiService.run>>>>>;
const LIMIT = 3;

beforeAll(async () => {
  id = await startIdentity({
    RATE_LIMIT_SIGN_IN_PER_EMAIL: String(LIMIT),
    RATE_LIMIT_SIGN_UP_PER_EMAIL: "2",
    RATE_LIMIT_SIGN_UP_PER_IP: "4",
    RATE_LIMIT_PER_IP: "1000",
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

const userCount = async () =>
  Number((await id.service.deps.db.client.execute("SELECT count(*) AS n FROM user")).rows[0]?.n);

/** Another kit service, knowing identity only by its JWKS: the status of `whoami` for a JWT. */
async function whoamiStatus(jwt: string): Promise<number> {
  const other = createTRPCClient<typeof whoamiRouter>({
    links: [
      httpBatchLink({ url: `${whoami.url}/trpc`, transformer: superjson, headers: { authorization: `Bearer ${jwt}` } }),
    ],
  });
  return other.whoami.query().then(
    () => 200,
    (err: { data?: { httpStatus?: number } }) => err.data?.httpStatus ?? 0,
  );
}

async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await Bun.sleep(100);
  }
}

function formPost(path: string, fields: Record<string, string>, ip = freshIp()) {
  return fetch(`${id.url}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip, origin: STOREFRONT },
    body: new URLSearchParams(fields).toString(),
  });
}

describe("the sign-in lockout", () => {
  test("form-encoded guesses count like JSON ones", async () => {
    const email = uniqueEmail("form");
    await signUp(id.url, email);
    for (let i = 0; i < LIMIT; i++) {
      expect((await formPost("/sign-in/email", { email, password: `wrong-${i}` })).status).toBe(401);
    }
    // Locked, whichever body type comes next, and with the email's case changed.
    expect((await formPost("/sign-in/email", { email: email.toUpperCase(), password: "correct-horse-1" })).status).toBe(
      429,
    );
    const json = await authHttp(id.url).post("/sign-in/email", { email, password: "correct-horse-1" });
    expect(json.status).toBe(429);
    expect(Number(json.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test("40 parallel guesses from 40 addresses: at most the limit reach better-auth", async () => {
    const email = uniqueEmail("parallel");
    await signUp(id.url, email);
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        authHttp(id.url, freshIp())
          .post("/sign-in/email", { email, password: `parallel-guess-${i}` })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LIMIT);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40 - LIMIT);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  });

  test("the owner's successful sign-ins do not count", async () => {
    const email = uniqueEmail("owner");
    await signUp(id.url, email);
    for (let i = 0; i < LIMIT * 2; i++) await signIn(id.url, email, "correct-horse-1");
  });
});

describe("sign-up and verification emails", () => {
  test("sign-ups are limited per email and per address", async () => {
    const email = uniqueEmail("again");
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await authHttp(id.url).post("/sign-up/email", { email, password: "correct-horse-1", name: "A" })).status,
      );
    }
    expect(statuses[2]).toBe(429);

    const ip = freshIp();
    const byAddress: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await authHttp(id.url, ip).post("/sign-up/email", {
        email: uniqueEmail("spray"),
        password: "correct-horse-1",
        name: "S",
      });
      byAddress.push(res.status);
    }
    expect(byAddress).toEqual([200, 200, 200, 200, 429]);
  });

  test("without required verification, nobody can make identity send verification emails", async () => {
    const s = await signUp(id.url);
    const res = await authHttp(id.url).post("/send-verification-email", { email: s.email });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(((await res.json()) as { message: string }).message.length).toBeGreaterThan(0);
    await Bun.sleep(300);
    expect(id.events.seen.some((e) => e.type === "identity.email_verification.requested.v2")).toBe(false);
  });
});

describe("name and image bounds on better-auth's own endpoints", () => {
  test("sign-up with a 101-character name (JSON or form) is a 400 naming `name`, writing nothing", async () => {
    const before = await userCount();
    const json = await authHttp(id.url).post("/sign-up/email", {
      email: uniqueEmail("long"),
      password: "correct-horse-1",
      name: "n".repeat(101),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ field: "name", message: "name: at most 100 characters" });
    const form = await formPost("/sign-up/email", {
      email: uniqueEmail("longform"),
      password: "correct-horse-1",
      name: "n".repeat(101),
    });
    expect(form.status).toBe(400);
    const image = await authHttp(id.url).post("/sign-up/email", {
      email: uniqueEmail("img"),
      password: "correct-horse-1",
      name: "Img",
      image: `https://img.example/${"i".repeat(2048)}`,
    });
    expect(image.status).toBe(400);
    expect(((await image.json()) as { field: string }).field).toBe("image");
    expect(await userCount()).toBe(before);
    // 100 exactly is fine.
    const ok = await authHttp(id.url).post("/sign-up/email", {
      email: uniqueEmail("ok"),
      password: "correct-horse-1",
      name: "n".repeat(100),
    });
    expect(ok.status).toBe(200);
  });

  test("update-user cannot set a longer name or image either", async () => {
    const s = await signUp(id.url, uniqueEmail("upd"), "correct-horse-1", "Short");
    const auth = { authorization: `Bearer ${s.sessionToken}` };
    const name = await authHttp(id.url).post("/update-user", { name: "x".repeat(5_000) }, auth);
    expect(name.status).toBe(400);
    const image = await authHttp(id.url).post("/update-user", { image: "x".repeat(2049) }, auth);
    expect(image.status).toBe(400);
    const me = await client(id.url, await jwtFor(id.url, s)).identity.me.query();
    expect(me.name).toBe("Short");
  });
});

describe("errors are JSON", () => {
  test("no session at /token, an unknown endpoint, a malformed body, a wrong media type", async () => {
    const cases = [
      await authHttp(id.url).get("/token"),
      await authHttp(id.url).get("/no-such-endpoint"),
      await fetch(`${id.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: STOREFRONT },
        body: "{oops",
      }),
      await fetch(`${id.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "text/plain", origin: STOREFRONT },
        body: "email=a",
      }),
    ];
    expect(cases.map((r) => r.status)).toEqual([401, 404, 400, 415]);
    for (const res of cases) {
      expect(res.headers.get("content-type")).toContain("application/json");
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code.length).toBeGreaterThan(0);
      expect(body.message.length).toBeGreaterThan(0);
    }
  });
});

describe("revocation: existing JWTs stop working within 5 s on another service", () => {
  test("the JWT carries the session id and a millisecond issue time", async () => {
    const s = await signUp(id.url);
    const claims = decodeJwt(await jwtFor(id.url, s));
    expect(typeof claims.sid).toBe("string");
    expect(Math.abs(Number(claims.ims) - Date.now())).toBeLessThan(10_000);
  });

  test("after sign-out", async () => {
    const s = await signUp(id.url);
    const other = await signIn(id.url, s.email, "correct-horse-1");
    const jwt = await jwtFor(id.url, s);
    const otherJwt = await jwtFor(id.url, other);
    expect(await whoamiStatus(jwt)).toBe(200);
    expect((await authHttp(id.url).post("/sign-out", {}, { authorization: `Bearer ${s.sessionToken}` })).status).toBe(
      200,
    );
    const signedOut = Date.now();
    expect(await within(5_000, async () => (await whoamiStatus(jwt)) === 401)).toBeLessThan(5_000);
    // Identity itself refuses it too within the same 5 s (its own revocation cache refreshes on the
    // same schedule as every other service's), and the other device's session is untouched.
    const identityRefuses = async () =>
      client(id.url, jwt)
        .identity.me.query()
        .then(
          () => false,
          (err: unknown) => (err as { data?: { code?: string } }).data?.code === "UNAUTHORIZED",
        );
    await within(5_000, identityRefuses);
    expect(Date.now() - signedOut).toBeLessThan(5_500);
    expect(await whoamiStatus(otherJwt)).toBe(200);
  });

  test("after a password change; a token fetched afterwards works", async () => {
    const email = uniqueEmail("pwchange");
    const s = await signUp(id.url, email, "old-password-1");
    const jwt = await jwtFor(id.url, s);
    const res = await authHttp(id.url).post(
      "/change-password",
      { currentPassword: "old-password-1", newPassword: "new-password-1", revokeOtherSessions: true },
      { authorization: `Bearer ${s.sessionToken}` },
    );
    expect(res.status).toBe(200);
    await within(5_000, async () => (await whoamiStatus(jwt)) === 401);
    const fresh = await jwtFor(id.url, await signIn(id.url, email, "new-password-1"));
    expect(await whoamiStatus(fresh)).toBe(200);
  });

  test("after a password reset", async () => {
    const email = uniqueEmail("pwreset");
    const s = await signUp(id.url, email, "forgotten-pass-1");
    const jwt = await jwtFor(id.url, s);
    await authHttp(id.url).post("/request-password-reset", { email });
    const event = await id.events.waitFor("identity.password_reset.requested.v2", (d) => d.userId === s.userId);
    const token = (await linkOf(id.url, event)).searchParams.get("token") ?? "";
    expect((await authHttp(id.url).post("/reset-password", { token, newPassword: "remembered-pass-1" })).status).toBe(
      200,
    );
    await within(5_000, async () => (await whoamiStatus(jwt)) === 401);
  });

  test("after a ban and after a role change (admin procedures)", async () => {
    const [demoAdmin] = DEMO_USERS;
    const adminJwt = await jwtFor(id.url, await signIn(id.url, demoAdmin.email, demoAdmin.password));
    const admin = client(id.url, adminJwt).identity.admin.users;

    const banned = await signUp(id.url);
    const bannedJwt = await jwtFor(id.url, banned);
    await admin.ban.mutate({ userId: banned.userId, reason: "fraud" });
    await within(5_000, async () => (await whoamiStatus(bannedJwt)) === 401);

    const promoted = await signUp(id.url);
    const promotedJwt = await jwtFor(id.url, promoted);
    await admin.setRole.mutate({ userId: promoted.userId, role: "admin" });
    await within(5_000, async () => (await whoamiStatus(promotedJwt)) === 401);
    // Its new token carries the new role.
    const newJwt = await jwtFor(id.url, promoted);
    expect(decodeJwt(newJwt).role).toBe("admin");
    expect(await whoamiStatus(newJwt)).toBe(200);
  });

  test("after a ban through better-auth's own admin endpoint (/admin/ban-user)", async () => {
    const [demoAdmin] = DEMO_USERS;
    const adminSession = await signIn(id.url, demoAdmin.email, demoAdmin.password);
    const target = await signUp(id.url);
    const jwt = await jwtFor(id.url, target);
    expect(await whoamiStatus(jwt)).toBe(200);
    const res = await authHttp(id.url).post(
      "/admin/ban-user",
      { userId: target.userId, banReason: "spam" },
      { authorization: `Bearer ${adminSession.sessionToken}` },
    );
    expect(res.status).toBe(200);
    await within(5_000, async () => (await whoamiStatus(jwt)) === 401);
  });
});

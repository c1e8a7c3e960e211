import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { seedDemo } from "../src/db/seed.ts";
import { DEMO_USERS } from "../src/demo.ts";
import {
  authHttp,
  client,
  type Identity,
  jwtFor,
  serviceToken,
  signIn,
  signUp,
  startIdentity,
  trpcError,
  uniqueEmail,
} from "./harness.ts";

let id: Identity;
let adminJwt: string;
const [demoAdmin, demoShopper] = DEMO_USERS;

beforeAll(async () => {
  id = await startIdentity();
  adminJwt = await jwtFor(id.url, await signIn(id.url, demoAdmin.email, demoAdmin.password));
}, 30_000);

afterAll(() => id?.dispose());

const admin = () => client(id.url, adminJwt).identity.admin.users;

describe("demo seed", () => {
  test("seeds a superadmin, a shopper and one user per built-in staff role once, however often it runs", async () => {
    await seedDemo(id.service.deps);
    const { items } = await admin().list.query({ q: "mercato.dev", limit: 20 });
    expect(items.map((u) => [u.email, u.role]).sort()).toEqual(DEMO_USERS.map((u) => [u.email, u.role]).sort());
    expect(demoAdmin.role).toBe("superadmin");
    const shopper = await signIn(id.url, demoShopper.email, demoShopper.password);
    const addresses = await client(id.url, await jwtFor(id.url, shopper)).identity.addresses.list.query();
    expect(addresses).toHaveLength(1);
  });
});

describe("admin user management", () => {
  test("lists and searches users, pages with limit and offset", async () => {
    const tag = `find-${Date.now().toString(36)}`;
    for (let i = 0; i < 3; i++) await signUp(id.url, uniqueEmail(tag));
    const all = await admin().list.query({ q: tag.toUpperCase(), limit: 10 });
    expect(all.total).toBe(3);
    const page = await admin().list.query({ q: tag, limit: 2, offset: 2 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(3);
    // `%` and `_` are searched for literally, not as wildcards.
    expect((await admin().list.query({ q: "%", limit: 10 })).total).toBe(0);
    const underscored = await signUp(id.url, uniqueEmail(`${tag}_x`));
    const literal = await admin().list.query({ q: `${tag}_x`, limit: 10 });
    expect(literal.items.map((u) => u.id)).toEqual([underscored.userId]);
    const err = await trpcError(admin().list.query({ limit: 1000 }));
    expect(err.data?.code).toBe("BAD_REQUEST");
    expect(err.message).toContain("limit");
  });

  test("a customer is FORBIDDEN and an anonymous caller UNAUTHORIZED", async () => {
    const jwt = await jwtFor(id.url, await signUp(id.url));
    expect((await trpcError(client(id.url, jwt).identity.admin.users.list.query({}))).data?.code).toBe("FORBIDDEN");
    expect((await trpcError(client(id.url).identity.admin.users.list.query({}))).data?.code).toBe("UNAUTHORIZED");
  });

  test("a role change shows in the next token from the same session", async () => {
    const s = await signUp(id.url);
    expect((await client(id.url, await jwtFor(id.url, s)).identity.me.query()).role).toBe("customer");
    const updated = await admin().setRole.mutate({ userId: s.userId, role: "admin" });
    expect(updated?.role).toBe("admin");
    const jwt = await jwtFor(id.url, s);
    expect((await client(id.url, jwt).identity.me.query()).role).toBe("admin");
    // The promoted user can now use admin procedures.
    expect((await client(id.url, jwt).identity.admin.users.byId.query({ userId: s.userId })).role).toBe("admin");
    await admin().setRole.mutate({ userId: s.userId, role: "customer" });
  });

  test("a ban ends every session and refuses new tokens and sign-ins; unban restores access", async () => {
    const email = uniqueEmail("banned");
    const first = await signUp(id.url, email);
    const second = await signIn(id.url, email, "correct-horse-1");
    const banned = await admin().ban.mutate({ userId: first.userId, reason: "fraud" });
    expect(banned).toMatchObject({ banned: true, banReason: "fraud" });

    for (const s of [first, second]) {
      const res = await authHttp(id.url).get("/token", { authorization: `Bearer ${s.sessionToken}` });
      expect(res.status).toBe(401);
    }
    const again = await authHttp(id.url).post("/sign-in/email", { email, password: "correct-horse-1" });
    expect(again.status).toBe(403);
    expect(((await again.json()) as { code: string }).code).toBe("BANNED_USER");

    await admin().unban.mutate({ userId: first.userId });
    const back = await signIn(id.url, email, "correct-horse-1");
    expect((await client(id.url, await jwtFor(id.url, back)).identity.me.query()).banned).toBe(false);
  });

  test("refusals name the field", async () => {
    const me = (await admin().list.query({ q: demoAdmin.email })).items.find((u) => u.email === demoAdmin.email);
    expect(me).toBeDefined();
    const self = await trpcError(admin().ban.mutate({ userId: String(me?.id) }));
    expect(self.data?.code).toBe("BAD_REQUEST");
    expect(self.message).toMatch(/^userId:/);
    const demote = await trpcError(admin().setRole.mutate({ userId: String(me?.id), role: "customer" }));
    expect(demote.data?.code).toBe("BAD_REQUEST");
    const missing = await trpcError(admin().byId.query({ userId: "no-such-user" }));
    expect(missing.data?.code).toBe("NOT_FOUND");
    expect(missing.message).toMatch(/^userId:/);
    const role = await trpcError(admin().setRole.mutate({ userId: String(me?.id), role: "owner" }));
    expect(role.data?.code).toBe("BAD_REQUEST");
    expect(role.message).toContain("role");
  });
});

describe("internal procedures", () => {
  test("adminEmails and userById answer a service credential only", async () => {
    const token = await serviceToken();
    const internal = client(id.url, undefined, token).identity.internal;
    expect(await internal.adminEmails.query()).toContain(demoAdmin.email);
    expect(await internal.adminEmails.query()).not.toContain(demoShopper.email);
    const s = await signUp(id.url, uniqueEmail("svc"), "correct-horse-1", "Svc User");
    expect(await internal.userById.query({ userId: s.userId })).toEqual({
      id: s.userId,
      email: s.email,
      name: "Svc User",
    });
    expect(await internal.userById.query({ userId: "nobody" })).toBeNull();

    const userJwt = await jwtFor(id.url, s);
    const err = await trpcError(client(id.url, userJwt).identity.internal.adminEmails.query());
    expect(err.data?.code).toBe("UNAUTHORIZED");
  });
});

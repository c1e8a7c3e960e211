import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { BUILT_IN_ROLES, DEFAULT_SUPPORT_REFUND_LIMIT } from "@mercato/access";
import { decodeJwt } from "jose";
import { DEMO_USERS } from "../src/demo.ts";
import { client, type Identity, jwtFor, signIn, signUp, startIdentity, trpcError } from "./harness.ts";

let id: Identity;
let superJwt: string;
const demo = (role: string) => {
  const found = DEMO_USERS.find((u) => u.role === role);
  if (!found) throw new Error(`no demo ${role}`);
  return found;
};

beforeAll(async () => {
  id = await startIdentity();
  const sa = demo("superadmin");
  superJwt = await jwtFor(id.url, await signIn(id.url, sa.email, sa.password));
}, 30_000);

afterAll(() => id?.dispose());

const asSuper = () => client(id.url, superJwt).identity.admin;

describe("staff roles", () => {
  test("each demo user's token carries its built-in role's permissions", async () => {
    for (const role of ["superadmin", "support", "fulfilment", "seller"] as const) {
      const u = demo(role);
      const session = await signIn(id.url, u.email, u.password);
      const claims = decodeJwt(await jwtFor(id.url, session));
      expect(claims.role).toBe(role);
      expect(claims.perms).toEqual([...BUILT_IN_ROLES[role].permissions]);
      if (role === "seller") expect(claims.sel).toBe(session.userId);
      if (role === "support") expect(claims.rlim).toBe(DEFAULT_SUPPORT_REFUND_LIMIT);
      const access = await client(id.url, await jwtFor(id.url, session)).identity.myAccess.query();
      expect(access.permissions).toEqual([...BUILT_IN_ROLES[role].permissions]);
    }
  });

  test("only staff.manage may list or edit roles: an admin is refused naming the permission", async () => {
    const a = demo("admin");
    const adminJwt = await jwtFor(id.url, await signIn(id.url, a.email, a.password));
    const refused = await trpcError(client(id.url, adminJwt).identity.admin.roles.list.query());
    expect(refused.data).toMatchObject({ code: "FORBIDDEN", field: "permission" });
    expect(refused.message).toContain("staff.manage");
    const roles = await asSuper().roles.list.query();
    expect(roles.map((r) => r.id)).toEqual(expect.arrayContaining(["superadmin", "support", "seller", "customer"]));
  });

  test("a custom role: saved, assigned (its token carries its permissions), changed (tokens revoked), deleted once unused", async () => {
    const saved = await asSuper().roles.save.mutate({
      id: "night_shift",
      label: "Night shift",
      permissions: ["orders.read", "orders.fulfil"],
    });
    expect(saved).toMatchObject({ id: "night_shift", builtIn: false, scope: "all" });
    const worker = await signUp(id.url);
    await asSuper().users.setRole.mutate({ userId: worker.userId, role: "night_shift" });
    const jwt = await jwtFor(id.url, worker);
    expect(decodeJwt(jwt)).toMatchObject({ role: "night_shift", perms: ["orders.read", "orders.fulfil"] });

    await asSuper().roles.save.mutate({ id: "night_shift", label: "Night shift", permissions: ["orders.read"] });
    // The old token (two permissions) is revoked; the next one has the new set.
    const deadline = Date.now() + 5_000;
    let status = 200;
    while (Date.now() < deadline && status !== 401) {
      status = await client(id.url, jwt)
        .identity.myAccess.query()
        .then(
          () => 200,
          (e: unknown) => (e as { data?: { httpStatus?: number } }).data?.httpStatus ?? 500,
        );
      if (status !== 401) await Bun.sleep(200);
    }
    expect(status).toBe(401);
    expect(decodeJwt(await jwtFor(id.url, worker)).perms).toEqual(["orders.read"]);

    const held = await trpcError(asSuper().roles.delete.mutate({ id: "night_shift" }));
    expect(held.data).toMatchObject({ code: "CONFLICT", field: "id" });
    await asSuper().users.setRole.mutate({ userId: worker.userId, role: "customer" });
    expect(await asSuper().roles.delete.mutate({ id: "night_shift" })).toEqual({ id: "night_shift" });
    const unknown = await trpcError(asSuper().users.setRole.mutate({ userId: worker.userId, role: "night_shift" }));
    expect(unknown.data).toMatchObject({ code: "BAD_REQUEST", field: "role" });
  });

  test("a custom role cannot take a built-in name; a built-in role cannot be deleted", async () => {
    const named = await trpcError(asSuper().roles.save.mutate({ id: "admin", label: "Mine", permissions: [] }));
    expect(named.data?.code).toBe("BAD_REQUEST");
    const builtIn = await trpcError(asSuper().roles.delete.mutate({ id: "support" }));
    expect(builtIn.data).toMatchObject({ code: "CONFLICT", field: "id" });
  });

  test("support's refund limit is configurable and reaches its tokens", async () => {
    const s = demo("support");
    const session = await signIn(id.url, s.email, s.password);
    expect((await asSuper().roles.setSupportRefundLimit.mutate({ refundLimit: 2_500 })).refundLimit).toBe(2_500);
    expect(decodeJwt(await jwtFor(id.url, session)).rlim).toBe(2_500);
    await asSuper().roles.setSupportRefundLimit.mutate({ refundLimit: DEFAULT_SUPPORT_REFUND_LIMIT });
  });
});

/**
 * Customer groups (#27): staff create groups and add customers; a member's token carries the
 * group (`grp`), a change revokes their tokens so the next one carries the new group; who may not
 * change prices is refused.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { decodeJwt } from "jose";
import { DEMO_USERS } from "../src/demo.ts";
import { client, type Identity, jwtFor, signIn, signUp, startIdentity, trpcError } from "./harness.ts";

let id: Identity;
let adminJwt: string;

beforeAll(async () => {
  id = await startIdentity();
  const admin = DEMO_USERS.find((u) => u.role === "admin");
  if (!admin) throw new Error("no demo admin");
  adminJwt = await jwtFor(id.url, await signIn(id.url, admin.email, admin.password));
}, 30_000);
afterAll(() => id?.dispose());

const groups = () => client(id.url, adminJwt).identity.admin.groups;

/** Waits until `jwt` is refused (revoked): the revocation list is read through a short cache. */
async function refused(jwt: string): Promise<number> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const status = await client(id.url, jwt)
      .identity.myAccess.query()
      .then(
        () => 200,
        (e: unknown) => (e as { data?: { httpStatus?: number } }).data?.httpStatus ?? 500,
      );
    if (status === 401 || Date.now() > deadline) return status;
    await Bun.sleep(100);
  }
}

describe("customer groups", () => {
  test("a member's token carries the group; moving them out revokes it", async () => {
    const saved = await groups().save.mutate({ id: "wholesale-cg-test", name: "Wholesale" });
    expect(saved).toMatchObject({ id: "wholesale-cg-test", name: "Wholesale", members: [] });
    const shopper = await signUp(id.url);
    const before = await jwtFor(id.url, shopper);
    expect(decodeJwt(before).grp).toBeUndefined();

    const withMember = await groups().addMember.mutate({
      groupId: "wholesale-cg-test",
      email: shopper.email.toUpperCase(),
    });
    expect(withMember.members.map((m) => m.userId)).toEqual([shopper.userId]);
    expect(await refused(before)).toBe(401);
    const member = await jwtFor(id.url, shopper);
    expect(decodeJwt(member).grp).toBe("wholesale-cg-test");

    await groups().removeMember.mutate({ userId: shopper.userId });
    expect(await refused(member)).toBe(401);
    expect(decodeJwt(await jwtFor(id.url, shopper)).grp).toBeUndefined();
    const listed = await groups().list.query();
    expect(listed.find((g) => g.id === "wholesale-cg-test")?.members).toEqual([]);
  });

  test("bad input names the field; unknown group or customer is a 404 naming it", async () => {
    const bad = await trpcError(groups().save.mutate({ id: "Not A Slug", name: "x" }));
    expect(bad.data).toMatchObject({ code: "BAD_REQUEST", field: "id" });
    const noGroup = await trpcError(groups().addMember.mutate({ groupId: "no-such-group", email: "a@example.com" }));
    expect(noGroup.data).toMatchObject({ code: "NOT_FOUND", field: "groupId" });
    await groups().save.mutate({ id: "staff-cg-test", name: "Staff" });
    const noUser = await trpcError(
      groups().addMember.mutate({ groupId: "staff-cg-test", email: "nobody-cg@example.com" }),
    );
    expect(noUser.data).toMatchObject({ code: "NOT_FOUND", field: "email" });
    expect((await groups().list.query()).find((g) => g.id === "staff-cg-test")?.members).toEqual([]);
  });

  test("customers and staff without discounts.write are refused", async () => {
    const customer = await jwtFor(id.url, await signUp(id.url));
    const fulfilment = DEMO_USERS.find((u) => u.role === "fulfilment");
    if (!fulfilment) throw new Error("no demo fulfilment user");
    const staff = await jwtFor(id.url, await signIn(id.url, fulfilment.email, fulfilment.password));
    for (const jwt of [undefined, customer, staff]) {
      const api = client(id.url, jwt).identity.admin.groups;
      const list = await trpcError(api.list.query());
      expect(["UNAUTHORIZED", "FORBIDDEN"]).toContain(list.data?.code ?? "");
      const save = await trpcError(api.save.mutate({ id: "sneaky-cg", name: "Sneaky" }));
      expect(["UNAUTHORIZED", "FORBIDDEN"]).toContain(save.data?.code ?? "");
    }
    expect((await groups().list.query()).some((g) => g.id === "sneaky-cg")).toBe(false);
  });
});

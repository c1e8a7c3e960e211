import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { BUILT_IN_ROLES } from "@mercato/access";
import { eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { staffInvitations } from "../src/db/schema.ts";
import { DEMO_USERS } from "../src/demo.ts";
import {
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
let superJwt: string;
let adminJwt: string;
const demo = (role: string) => {
  const found = DEMO_USERS.find((u) => u.role === role);
  if (!found) throw new Error(`no demo ${role}`);
  return found;
};
const PASSWORD = "tangerine-ladder-copper-41";

beforeAll(async () => {
  id = await startIdentity();
  const sa = demo("superadmin");
  superJwt = await jwtFor(id.url, await signIn(id.url, sa.email, sa.password));
  const ad = demo("admin");
  adminJwt = await jwtFor(id.url, await signIn(id.url, ad.email, ad.password));
}, 30_000);

afterAll(() => id?.dispose());

const asSuper = () => client(id.url, superJwt).identity;
const anonymous = () => client(id.url).identity;

/** Invites `email` and returns the token from the link notifications would mail. */
async function invite(email: string, role = "fulfilment") {
  const invitation = await asSuper().admin.staff.invite.mutate({ email, role });
  const event = await id.events.waitFor("identity.staff_invitation.requested.v1", (d) => d.linkId === invitation.id);
  expect(event.data).toMatchObject({ email, role, linkId: invitation.id });
  // The bus carries the id only, never the link or its token.
  expect(JSON.stringify(event.data)).not.toContain("token");
  const link = await client(id.url, undefined, await serviceToken()).identity.internal.staffInvitationLink.mutate({
    linkId: invitation.id,
  });
  const url = new URL(link.url);
  expect(url.pathname).toBe("/account/accept-invitation");
  return { invitation, token: url.searchParams.get("token") ?? "" };
}

describe("staff invitations", () => {
  test("invite → mail link → accept: a user with the role signs in; the link works once", async () => {
    const email = uniqueEmail("picker");
    const { invitation, token } = await invite(email);
    expect((await asSuper().admin.staff.invitations.query()).map((i) => i.id)).toContain(invitation.id);

    const accepted = await anonymous().invitation.accept.mutate({ token, name: "Pat Picker", password: PASSWORD });
    expect(accepted).toMatchObject({ email, role: "fulfilment" });
    // Announced with its staff role, so consumers do not take it for a customer (no customer.created webhook).
    const registered = await id.events.waitFor("identity.user.registered.v1", (d) => d.userId === accepted.userId);
    expect(registered.data).toEqual({ userId: accepted.userId, email, name: "Pat Picker", role: "fulfilment" });
    const session = await signIn(id.url, email, PASSWORD);
    const claims = decodeJwt(await jwtFor(id.url, session));
    expect(claims).toMatchObject({ role: "fulfilment", perms: [...BUILT_IN_ROLES.fulfilment.permissions] });
    expect((await asSuper().admin.staff.invitations.query()).map((i) => i.id)).not.toContain(invitation.id);

    const again = await trpcError(anonymous().invitation.accept.mutate({ token, name: "Pat", password: PASSWORD }));
    expect(again.data).toMatchObject({ code: "BAD_REQUEST", field: "token" });
  }, 30_000);

  test("bad input names the field: weak password, unknown or customer role, bad email, unknown token", async () => {
    const { token } = await invite(uniqueEmail("weak"));
    const weak = await trpcError(anonymous().invitation.accept.mutate({ token, name: "Weak", password: "password1" }));
    expect(weak.data).toMatchObject({ code: "BAD_REQUEST", field: "password" });
    // A refused attempt does not use the invitation up.
    await anonymous().invitation.accept.mutate({ token, name: "Strong", password: PASSWORD });

    const role = await trpcError(asSuper().admin.staff.invite.mutate({ email: uniqueEmail(), role: "nope" }));
    expect(role.data).toMatchObject({ code: "BAD_REQUEST", field: "role" });
    const customer = await trpcError(asSuper().admin.staff.invite.mutate({ email: uniqueEmail(), role: "customer" }));
    expect(customer.data).toMatchObject({ code: "BAD_REQUEST", field: "role" });
    const email = await trpcError(asSuper().admin.staff.invite.mutate({ email: "not-an-email", role: "support" }));
    expect(email.data).toMatchObject({ code: "BAD_REQUEST", field: "email" });
    const unknown = await trpcError(
      anonymous().invitation.accept.mutate({ token: "x".repeat(43), name: "Nobody", password: PASSWORD }),
    );
    expect(unknown.data).toMatchObject({ code: "BAD_REQUEST", field: "token" });
  }, 30_000);

  test("an expired or revoked invitation cannot be accepted", async () => {
    const expired = await invite(uniqueEmail("late"));
    await id.service.deps.db.write((tx) =>
      tx
        .update(staffInvitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(staffInvitations.id, expired.invitation.id)),
    );
    const late = await trpcError(
      anonymous().invitation.accept.mutate({ token: expired.token, name: "Late", password: PASSWORD }),
    );
    expect(late.data).toMatchObject({ code: "BAD_REQUEST", field: "token" });

    const revoked = await invite(uniqueEmail("revoked"));
    expect(await asSuper().admin.staff.revoke.mutate({ id: revoked.invitation.id })).toEqual({
      id: revoked.invitation.id,
    });
    const gone = await trpcError(
      anonymous().invitation.accept.mutate({ token: revoked.token, name: "Rev", password: PASSWORD }),
    );
    expect(gone.data).toMatchObject({ code: "BAD_REQUEST", field: "token" });
    const twice = await trpcError(asSuper().admin.staff.revoke.mutate({ id: revoked.invitation.id }));
    expect(twice.data).toMatchObject({ code: "NOT_FOUND", field: "id" });
    // The link can no longer be claimed for mailing either.
    const claim = await trpcError(
      client(id.url, undefined, await serviceToken()).identity.internal.staffInvitationLink.mutate({
        linkId: revoked.invitation.id,
      }),
    );
    expect(claim.data?.code).toBe("NOT_FOUND");
  }, 30_000);

  test("an email with an account already is refused naming email (its role is changed in the staff list)", async () => {
    const existing = await signUp(id.url);
    const refused = await trpcError(asSuper().admin.staff.invite.mutate({ email: existing.email, role: "support" }));
    expect(refused.data).toMatchObject({ code: "CONFLICT", field: "email" });
  }, 30_000);

  test("IDOR: an admin without staff.manage, a customer and anonymous callers cannot invite, list or revoke", async () => {
    const { invitation } = await invite(uniqueEmail("idor"));
    const customerJwt = await jwtFor(id.url, await signUp(id.url));
    for (const jwt of [adminJwt, customerJwt]) {
      const staff = client(id.url, jwt).identity.admin.staff;
      const inv = await trpcError(staff.invite.mutate({ email: uniqueEmail(), role: "superadmin" }));
      expect(inv.data?.httpStatus).toBe(403);
      expect((await trpcError(staff.invitations.query())).data?.httpStatus).toBe(403);
      expect((await trpcError(staff.revoke.mutate({ id: invitation.id }))).data?.httpStatus).toBe(403);
    }
    const anon = await trpcError(anonymous().admin.staff.invitations.query());
    expect(anon.data?.httpStatus).toBe(401);
    // Only notifications' service credential may claim a link; a staff token may not.
    const claim = await trpcError(
      client(id.url, superJwt).identity.internal.staffInvitationLink.mutate({ linkId: invitation.id }),
    );
    expect([401, 403]).toContain(claim.data?.httpStatus ?? 0);
    expect((await asSuper().admin.staff.invitations.query()).map((i) => i.id)).toContain(invitation.id);
  }, 30_000);
});

describe("identity's audit log", () => {
  test("invite, revoke, role change, ban/unban, custom role save/delete, refund limit and delete are recorded", async () => {
    const sa = demo("superadmin");
    const { invitation } = await invite(uniqueEmail("audited"));
    await asSuper().admin.staff.revoke.mutate({ id: invitation.id });
    const target = await signUp(id.url);
    await asSuper().admin.users.setRole.mutate({ userId: target.userId, role: "support" });
    await asSuper().admin.users.ban.mutate({ userId: target.userId, reason: "testing" });
    await asSuper().admin.users.unban.mutate({ userId: target.userId });
    await asSuper().admin.roles.save.mutate({ id: "audited_role", label: "Audited", permissions: ["orders.read"] });
    await asSuper().admin.roles.delete.mutate({ id: "audited_role" });
    const limit = await asSuper().admin.roles.setSupportRefundLimit.mutate({ refundLimit: 1_234 });
    await asSuper().admin.roles.setSupportRefundLimit.mutate({
      refundLimit: limit.refundLimit === 1_234 ? 5_000 : 5_000,
    });
    await asSuper().admin.users.delete.mutate({ userId: target.userId });

    const page = await asSuper().admin.audit.list.query({ actor: sa.email, limit: 100 });
    const actions = page.items.map((e) => e.action);
    for (const a of [
      "identity.admin.staff.invite",
      "identity.admin.staff.revoke",
      "identity.admin.users.setRole",
      "identity.admin.users.ban",
      "identity.admin.users.unban",
      "identity.admin.roles.save",
      "identity.admin.roles.delete",
      "identity.admin.roles.setSupportRefundLimit",
      "identity.admin.users.delete",
    ]) {
      expect(actions).toContain(a);
    }
    const roleChange = page.items.find(
      (e) => e.action === "identity.admin.users.setRole" && e.targetId === target.userId,
    );
    expect(roleChange).toMatchObject({
      service: "identity",
      actor: { email: sa.email, role: "superadmin" },
      before: { role: "customer" },
      after: { role: "support" },
    });
    const limitChange = page.items.find(
      (e) =>
        e.action === "identity.admin.roles.setSupportRefundLimit" &&
        (e.after as { refundLimit: number }).refundLimit === 1_234,
    );
    expect(limitChange?.after).toEqual({ refundLimit: 1_234 });
    // The deletion's entry names the user by id only: the email is forgotten.
    const deletion = page.items.find((e) => e.action === "identity.admin.users.delete");
    expect(JSON.stringify(deletion)).not.toContain(target.email);

    const filtered = await asSuper().admin.audit.list.query({ action: "identity.admin.staff.*", limit: 100 });
    expect(filtered.items.every((e) => e.action.startsWith("identity.admin.staff."))).toBe(true);
    const sup = demo("support");
    const supportJwt = await jwtFor(id.url, await signIn(id.url, sup.email, sup.password));
    const refused = await trpcError(client(id.url, supportJwt).identity.admin.audit.list.query({}));
    expect(refused.data?.httpStatus).toBe(403);
  }, 30_000);
});

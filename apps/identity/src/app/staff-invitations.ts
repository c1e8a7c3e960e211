/**
 * Staff invitations (#20). A holder of `staff.manage` invites an email to a staff role; identity
 * keeps the invitation (only the SHA-256 of its one-time token for acceptance) and publishes
 * `identity.staff_invitation.requested` with the row's id only; notifications claims the link
 * (`identity.internal.staffInvitationLink`) and mails it. The invitee opens
 * /account/accept-invitation, sets a name and a password (zxcvbn, as at sign-up) and becomes a user
 * with that role. Single use, 7 days.
 *
 * An email that already has an account is refused (409 naming `email`), at invitation and again at
 * acceptance: that person's role is changed in the staff list instead (setRole), so an invitation
 * never changes an existing account behind its owner's back.
 */
import { createEvent, enqueue, StaffInvitationRequested } from "@mercato/events";
import { currentRequestId } from "@mercato/kit";
import { recordAudit } from "@mercato/kit/audit";
import { conflict, invalid, notFound } from "@mercato/kit/errors";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { z } from "zod";
import {
  type acceptInvitationInput,
  STAFF_INVITATION_TTL_MS,
  type StaffInvitation,
  type StaffInvitationLink,
  type staffInviteInput,
} from "../contract.ts";
import { staffInvitations, user } from "../db/schema.ts";
import type { IdentityDeps } from "../deps.ts";
import { passwordWeakness } from "../domain/password-strength.ts";
import { RECLAIM_WINDOW_MS } from "./account-links.ts";
import { roleExists } from "./roles.ts";

type Deps = Pick<IdentityDeps, "db" | "auth" | "relay" | "env" | "log">;

export const ACCEPT_INVITATION_PATH = "/account/accept-invitation";

function hashToken(token: string): string {
  return new Bun.CryptoHasher("sha256").update(token).digest("hex");
}

function newToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
}

async function accountExists(deps: Pick<Deps, "db">, email: string): Promise<boolean> {
  const [row] = await deps.db.orm.select({ id: user.id }).from(user).where(eq(user.email, email)).limit(1);
  return row !== undefined;
}

const pending = (now: Date) =>
  and(isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt), gt(staffInvitations.expiresAt, now));

function toInvitation(
  row: Pick<typeof staffInvitations.$inferSelect, "id" | "email" | "role" | "invitedBy" | "createdAt" | "expiresAt">,
): StaffInvitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invitedBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}

/** `identity.admin.staff.invite`: a fresh invitation; an earlier pending one for the email is revoked. */
export async function inviteStaff(
  deps: Deps,
  by: { id: string },
  input: z.output<typeof staffInviteInput>,
  now = new Date(),
): Promise<StaffInvitation> {
  if (input.role === "customer") throw invalid("role", "invite to a staff role, not customer");
  if (!(await roleExists(deps, input.role))) throw invalid("role", `no role "${input.role}"`);
  if (await accountExists(deps, input.email)) {
    throw conflict("email", "an account with this email exists already: change its role in the staff list instead");
  }
  const token = newToken();
  const storefront = deps.env.STOREFRONT_URL.replace(/\/$/, "");
  const row = {
    id: crypto.randomUUID(),
    email: input.email,
    role: input.role,
    tokenHash: hashToken(token),
    url: `${storefront}${ACCEPT_INVITATION_PATH}?token=${encodeURIComponent(token)}`,
    invitedBy: by.id,
    expiresAt: new Date(now.getTime() + STAFF_INVITATION_TTL_MS),
    createdAt: now,
  };
  await deps.db.write(async (tx) => {
    const replaced = await tx
      .update(staffInvitations)
      .set({ revokedAt: now, url: null })
      .where(and(eq(staffInvitations.email, input.email), pending(now)))
      .returning({ id: staffInvitations.id });
    await tx.insert(staffInvitations).values(row);
    await recordAudit(tx, {
      action: "identity.admin.staff.invite",
      targetId: row.id,
      before: replaced.length ? { replaced: replaced.map((r) => r.id) } : null,
      after: toInvitation(row),
    });
    await enqueue(
      tx,
      createEvent(
        StaffInvitationRequested,
        {
          email: row.email,
          role: row.role,
          invitedBy: by.id,
          linkId: row.id,
          expiresAt: row.expiresAt.toISOString(),
        },
        { key: row.id, correlationId: currentRequestId() },
      ),
    );
  });
  deps.relay.kick();
  deps.log.info({ invitation: row.id, role: row.role, by: by.id }, "staff invited");
  return toInvitation(row);
}

/** Pending invitations (neither accepted, revoked nor expired), newest first. */
export async function listInvitations(deps: Pick<Deps, "db">, now = new Date()): Promise<StaffInvitation[]> {
  const rows = await deps.db.orm
    .select()
    .from(staffInvitations)
    .where(pending(now))
    .orderBy(desc(staffInvitations.createdAt));
  return rows.map(toInvitation);
}

/** `identity.admin.staff.revoke`: the link stops working; 404 naming `id` when nothing is pending. */
export async function revokeInvitation(deps: Pick<Deps, "db">, id: string, now = new Date()): Promise<{ id: string }> {
  await deps.db.write(async (tx) => {
    const [row] = await tx
      .update(staffInvitations)
      .set({ revokedAt: now, url: null })
      .where(and(eq(staffInvitations.id, id), pending(now)))
      .returning();
    if (!row) throw notFound("id", `no pending invitation "${id}"`);
    await recordAudit(tx, {
      action: "identity.admin.staff.revoke",
      targetId: id,
      before: toInvitation(row),
      after: { revokedAt: now.toISOString() },
    });
  });
  return { id };
}

/** `identity.internal.staffInvitationLink` (notifications only): the link an event's `linkId` names. */
export async function claimInvitationLink(
  deps: Pick<Deps, "db">,
  linkId: string,
  now = new Date(),
): Promise<StaffInvitationLink> {
  return deps.db.write(async (tx) => {
    const [row] = await tx.select().from(staffInvitations).where(eq(staffInvitations.id, linkId)).limit(1);
    const reclaimable = !row?.claimedAt || now.getTime() - row.claimedAt.getTime() <= RECLAIM_WINDOW_MS;
    if (!row?.url || row.acceptedAt || row.revokedAt || row.expiresAt <= now || !reclaimable) {
      throw notFound("linkId", "no such invitation, or it expired, was revoked or was already sent");
    }
    if (!row.claimedAt)
      await tx.update(staffInvitations).set({ claimedAt: now }).where(eq(staffInvitations.id, linkId));
    return { email: row.email, role: row.role, url: row.url, expiresAt: row.expiresAt };
  });
}

const UNUSABLE = "this invitation link is not valid: it expired, was revoked or was used already; ask for a new one";

/**
 * `identity.account.acceptInvitation` (public: the token is the credential): creates the account
 * with the invited role. The invitation is taken (single use) before the account is created and
 * given back if that fails.
 */
export async function acceptInvitation(
  deps: Deps,
  input: z.output<typeof acceptInvitationInput>,
  now = new Date(),
): Promise<{ userId: string; email: string; role: string }> {
  const tokenHash = hashToken(input.token);
  const [found] = await deps.db.orm
    .select()
    .from(staffInvitations)
    .where(eq(staffInvitations.tokenHash, tokenHash))
    .limit(1);
  if (!found || found.acceptedAt || found.revokedAt || found.expiresAt <= now) throw invalid("token", UNUSABLE);
  const weakness = await passwordWeakness(input.password, deps.env.PASSWORD_MIN_SCORE, [found.email, input.name]);
  if (weakness) throw invalid("password", weakness);
  if (await accountExists(deps, found.email)) {
    throw conflict("email", "an account with this email exists already: sign in, and ask a superadmin for the role");
  }
  const [taken] = await deps.db.write((tx) =>
    tx
      .update(staffInvitations)
      .set({ acceptedAt: now, url: null })
      .where(and(eq(staffInvitations.id, found.id), pending(now)))
      .returning(),
  );
  if (!taken) throw invalid("token", UNUSABLE);
  const auth = await deps.auth.$context;
  let userId: string;
  try {
    const created = await auth.internalAdapter.createUser(
      {
        email: taken.email,
        name: input.name,
        emailVerified: true,
        role: taken.role,
      },
      { method: "admin" },
    );
    userId = created.id;
    await auth.internalAdapter.linkAccount({
      userId,
      providerId: "credential",
      accountId: userId,
      password: await auth.password.hash(input.password),
    });
  } catch (err) {
    await deps.db.write((tx) =>
      tx.update(staffInvitations).set({ acceptedAt: null }).where(eq(staffInvitations.id, taken.id)),
    );
    throw err;
  }
  await deps.db.write((tx) =>
    tx.update(staffInvitations).set({ acceptedUserId: userId }).where(eq(staffInvitations.id, taken.id)),
  );
  deps.log.info({ invitation: taken.id, userId, role: taken.role }, "staff invitation accepted");
  return { userId, email: taken.email, role: taken.role };
}

/**
 * Customer groups (#27): staff create groups (wholesale, staff...) and put customers in them; the
 * catalog's price lists give a group its prices. A member's group is in their token (`grp`,
 * customerGroupOf is called when identity signs it); every membership change revokes the
 * customer's tokens, so the next token (within seconds, as after a role change) carries the new
 * group and carts and checkout price with it.
 */
import { revokeUserTokens } from "@mercato/kit";
import { recordAudit } from "@mercato/kit/audit";
import { notFound, unavailable } from "@mercato/kit/errors";
import { asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type {
  addGroupMemberInput,
  CustomerGroup,
  removeGroupMemberInput,
  saveCustomerGroupInput,
} from "../contract.ts";
import { customerGroupMembers, customerGroups, user } from "../db/schema.ts";
import type { IdentityDeps } from "../deps.ts";

type Deps = Pick<IdentityDeps, "db" | "redis">;

/** The group a customer belongs to (null: none): what identity puts in the `grp` claim. */
export async function customerGroupOf(deps: Pick<Deps, "db">, userId: string): Promise<string | null> {
  const [row] = await deps.db.orm
    .select({ groupId: customerGroupMembers.groupId })
    .from(customerGroupMembers)
    .where(eq(customerGroupMembers.userId, userId))
    .limit(1);
  return row?.groupId ?? null;
}

/** Every group with its members (a shop has a few groups; wholesale lists stay small). */
export async function listCustomerGroups(deps: Pick<Deps, "db">): Promise<CustomerGroup[]> {
  const [groups, members] = await Promise.all([
    deps.db.orm.select().from(customerGroups).orderBy(asc(customerGroups.name)),
    deps.db.orm
      .select({
        groupId: customerGroupMembers.groupId,
        userId: customerGroupMembers.userId,
        email: user.email,
        name: user.name,
        addedAt: customerGroupMembers.addedAt,
      })
      .from(customerGroupMembers)
      .innerJoin(user, eq(user.id, customerGroupMembers.userId))
      .orderBy(asc(customerGroupMembers.addedAt)),
  ]);
  return groups.map((g) => ({
    ...g,
    members: members.filter((m) => m.groupId === g.id).map(({ groupId: _, ...m }) => m),
  }));
}

/** Creates a group, or renames it when the id exists. */
export async function saveCustomerGroup(deps: Deps, input: z.output<typeof saveCustomerGroupInput>) {
  await deps.db.write(async (tx) => {
    await tx
      .insert(customerGroups)
      .values({ id: input.id, name: input.name, createdAt: new Date() })
      .onConflictDoUpdate({ target: customerGroups.id, set: { name: input.name } });
    await recordAudit(tx, { action: "identity.admin.groups.save", targetId: input.id, after: input });
  });
  return groupById(deps, input.id);
}

/** Puts the customer with `email` in the group (out of any other); 404 naming `email` or `groupId`. */
export async function addGroupMember(deps: Deps, input: z.output<typeof addGroupMemberInput>) {
  const userId = await deps.db.write(async (tx) => {
    const [group] = await tx.select().from(customerGroups).where(eq(customerGroups.id, input.groupId));
    if (!group) throw notFound("groupId", `no customer group "${input.groupId}"`);
    const [found] = await tx
      .select({ id: user.id })
      .from(user)
      .where(sql`lower(${user.email}) = ${input.email.toLowerCase()}`);
    if (!found) throw notFound("email", "no customer with that email");
    await tx
      .insert(customerGroupMembers)
      .values({ userId: found.id, groupId: group.id, addedAt: new Date() })
      .onConflictDoUpdate({ target: customerGroupMembers.userId, set: { groupId: group.id, addedAt: new Date() } });
    await recordAudit(tx, {
      action: "identity.admin.groups.addMember",
      targetId: found.id,
      after: { groupId: group.id },
    });
    return found.id;
  });
  await revokeTokens(deps, userId);
  return groupById(deps, input.groupId);
}

/** Takes a customer out of their group; 404 naming `userId` when they are in none. */
export async function removeGroupMember(deps: Deps, input: z.output<typeof removeGroupMemberInput>) {
  const groupId = await deps.db.write(async (tx) => {
    const [gone] = await tx
      .delete(customerGroupMembers)
      .where(eq(customerGroupMembers.userId, input.userId))
      .returning({ groupId: customerGroupMembers.groupId });
    if (!gone) throw notFound("userId", "that customer is in no group");
    await recordAudit(tx, {
      action: "identity.admin.groups.removeMember",
      targetId: input.userId,
      before: { groupId: gone.groupId },
    });
    return gone.groupId;
  });
  await revokeTokens(deps, input.userId);
  return groupById(deps, groupId);
}

async function groupById(deps: Pick<Deps, "db">, id: string): Promise<CustomerGroup> {
  const found = (await listCustomerGroups(deps)).find((g) => g.id === id);
  if (!found) throw notFound("id", `no customer group "${id}"`);
  return found;
}

/** Fails closed like a role change: saved, but the admin retries when tokens could not be revoked. */
async function revokeTokens(deps: Deps, userId: string): Promise<void> {
  try {
    await revokeUserTokens(deps.redis, userId);
  } catch {
    throw unavailable("tokens", "the group was changed but the customer's tokens could not be revoked; try again");
  }
}

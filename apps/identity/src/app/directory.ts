/** What other services ask identity about its users (with a service credential). */
import { eq, inArray } from "drizzle-orm";
import type { UserContact } from "../contract.ts";
import { user } from "../db/schema.ts";
import type { IdentityDeps } from "../deps.ts";

type Deps = Pick<IdentityDeps, "db">;

/** Where low-stock alerts and other operator mail go: every superadmin and admin who is not banned. */
export async function listAdminEmails(deps: Deps): Promise<string[]> {
  const rows = await deps.db.orm
    .select({ email: user.email, banned: user.banned })
    .from(user)
    .where(inArray(user.role, ["superadmin", "admin"]));
  return rows.filter((r) => !r.banned).map((r) => r.email);
}

export async function findUserContact(deps: Deps, userId: string): Promise<UserContact | null> {
  const [row] = await deps.db.orm
    .select({ id: user.id, email: user.email, name: user.name })
    .from(user)
    .where(eq(user.id, userId))
    .limit(1);
  return row ?? null;
}

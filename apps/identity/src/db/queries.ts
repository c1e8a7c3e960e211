import { eq } from "drizzle-orm";
import type { PublicUser } from "../contract.ts";
import type { IdentityDeps } from "../deps.ts";
import { user } from "./schema.ts";

/** The columns behind `PublicUser`. */
export const publicUserColumns = {
  id: user.id,
  email: user.email,
  name: user.name,
  phone: user.phone,
  role: user.role,
  emailVerified: user.emailVerified,
  banned: user.banned,
  banReason: user.banReason,
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
};

type PublicUserRow = Omit<PublicUser, "role" | "banned"> & { role: string | null; banned: boolean | null };

/** better-auth stores the role as free text (a role of `@mercato/access` or a custom one) and the ban flag as nullable. */
export function toPublicUser(row: PublicUserRow): PublicUser {
  return { ...row, role: row.role || "customer", banned: row.banned ?? false };
}

export async function findUser(db: IdentityDeps["db"], userId: string): Promise<PublicUser | null> {
  const [row] = await db.orm.select(publicUserColumns).from(user).where(eq(user.id, userId)).limit(1);
  return row ? toPublicUser(row) : null;
}

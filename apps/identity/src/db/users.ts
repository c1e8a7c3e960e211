import { eq } from "drizzle-orm";
import type { IdentityDeps } from "../deps.ts";
import { user } from "./schema.ts";

/** The user as identity's API shows it: never the password hash or ban internals beyond status. */
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

export type UserRow = Awaited<ReturnType<typeof findUser>>;

export async function findUser(db: IdentityDeps["db"], userId: string) {
  const [row] = await db.orm.select(publicUserColumns).from(user).where(eq(user.id, userId)).limit(1);
  if (!row) return null;
  return {
    ...row,
    role: row.role === "admin" ? ("admin" as const) : ("customer" as const),
    banned: row.banned ?? false,
  };
}

import { type AccessView, isStaff } from "@mercato/access";
import { userClient } from "@/lib/server.ts";

export type AdminAccess =
  | { kind: "signed-out" }
  | { kind: "forbidden"; email: string }
  | { kind: "admin"; user: { id: string; name: string; email: string }; access: AccessView };

/**
 * Who is asking for /admin, decided on the server from identity.me and identity.myAccess (the
 * permissions of the verified token, not a claim the browser could edit). Every staff procedure
 * checks its permission again on its own.
 */
export async function adminAccess(): Promise<AdminAccess> {
  const { token, client } = await userClient();
  if (!token) return { kind: "signed-out" };
  try {
    const [me, access] = await Promise.all([client.identity.me.query(), client.identity.myAccess.query()]);
    // Any staff permission opens the panel; each page and procedure checks its own permission.
    if (!isStaff(access)) return { kind: "forbidden", email: me.email };
    return { kind: "admin", user: { id: me.id, name: me.name, email: me.email }, access };
  } catch {
    // An expired or revoked session reads as signed out: signing in again fixes it.
    return { kind: "signed-out" };
  }
}

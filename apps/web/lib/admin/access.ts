import { userClient } from "@/lib/server.ts";

export type AdminAccess =
  | { kind: "signed-out" }
  | { kind: "forbidden"; email: string }
  | { kind: "admin"; user: { id: string; name: string; email: string } };

/**
 * Who is asking for /admin, decided on the server from identity.me (the role stored by identity,
 * not a claim the browser could edit). Every admin procedure checks the role again on its own.
 */
export async function adminAccess(): Promise<AdminAccess> {
  const { token, client } = await userClient();
  if (!token) return { kind: "signed-out" };
  try {
    const me = await client.identity.me.query();
    if (me.role !== "admin") return { kind: "forbidden", email: me.email };
    return { kind: "admin", user: { id: me.id, name: me.name, email: me.email } };
  } catch {
    // An expired or revoked session reads as signed out: signing in again fixes it.
    return { kind: "signed-out" };
  }
}

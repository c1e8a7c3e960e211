import { can } from "@mercato/access";
import { userClient } from "@/lib/server.ts";

/** The request's token when it belongs to staff holding `settings.write`; else the refusal. */
export async function settingsToken(): Promise<{ token: string } | { refuse: Response }> {
  const refuse = (status: number, message: string) => ({
    refuse: Response.json({ error: { message } }, { status, headers: { "cache-control": "private, no-store" } }),
  });
  const { token, client } = await userClient();
  if (!token) return refuse(401, "sign in as staff to see the system's health");
  try {
    const access = await client.identity.myAccess.query();
    if (!can(access, "settings.write")) return refuse(403, 'permission: system health needs "settings.write"');
    return { token };
  } catch {
    return refuse(401, "sign in as staff to see the system's health");
  }
}

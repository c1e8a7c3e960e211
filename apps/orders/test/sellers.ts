import type { Platform } from "./platform.ts";

/**
 * A seller (#20): a user signed up at identity, given the built-in `seller` role by the demo
 * superadmin, signed in again so its JWT carries `sel` (its seller id = its user id).
 */
export async function makeSeller(p: Platform, name: string) {
  const email = `${name.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@sellers.example`;
  const password = `pw-${crypto.randomUUID()}`;
  const { user } = await p.signUpWith(email, password);
  // Identity's router type is not a dependency of orders: a plain tRPC mutation over HTTP.
  const res = await fetch(`${p.urls.identity}/trpc/identity.admin.users.setRole`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${p.adminToken}` },
    body: JSON.stringify({ json: { userId: user.id, role: "seller" } }),
  });
  if (!res.ok) throw new Error(`setRole answered ${res.status}: ${await res.text()}`);
  const seller = await p.signIn(email, password);
  return { id: user.id, email, getToken: seller.getToken };
}

import { type AuthSession, type AuthUser, createAuthSession } from "@mercato/client";
import { DEMO_USERS } from "@mercato/identity/demo";

/** A signed-in user at identity: the better-auth session (with `getToken` for fresh JWTs) and who it is. */
export type TestUser = AuthSession & { email: string; user: AuthUser };

export interface AuthOptions {
  /** Extra headers on every auth request (an `x-forwarded-for` per user when identity trusts a proxy). */
  headers?: Record<string, string>;
}

/** Signs a new customer up at identity (better-auth over HTTP); a unique email unless given. */
export async function signUp(
  identityUrl: string,
  opts: AuthOptions & { email?: string; password?: string; name?: string } = {},
): Promise<TestUser> {
  const email = opts.email ?? `shopper-${crypto.randomUUID()}@example.com`;
  const session = createAuthSession({ baseUrl: identityUrl, headers: opts.headers });
  const user = await session.signUp({
    email,
    password: opts.password ?? `pw-${crypto.randomUUID()}`,
    name: opts.name ?? "Test Shopper",
  });
  return Object.assign(session, { email, user });
}

/** Signs an existing user in at identity. */
export async function signIn(
  identityUrl: string,
  credentials: { email: string; password: string },
  opts: AuthOptions = {},
): Promise<TestUser> {
  const session = createAuthSession({ baseUrl: identityUrl, headers: opts.headers });
  const user = await session.signIn(credentials);
  return Object.assign(session, { email: credentials.email, user });
}

/** The admin identity seeds with SEED_DEMO=true. */
export const DEMO_ADMIN = (() => {
  const admin = DEMO_USERS.find((u) => u.role === "superadmin");
  if (!admin) throw new Error("identity's demo users have no admin");
  return { email: admin.email, password: admin.password };
})();

/** Signs identity's seeded demo admin in (identity must run with SEED_DEMO=true). */
export function signInDemoAdmin(identityUrl: string, opts: AuthOptions = {}): Promise<TestUser> {
  return signIn(identityUrl, DEMO_ADMIN, opts);
}

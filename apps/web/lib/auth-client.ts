"use client";
// The browser side of sign-in. better-auth answers on this app's own origin (/api/auth/* is
// forwarded to the gateway), so its HTTP-only session cookie is first-party. Services want a
// short-lived JWT instead: it is fetched from /api/auth/token with that cookie, kept in memory
// only, and refreshed a minute before it expires.

import type { Role } from "@mercato/identity/contract";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

let cached: { token: string; expiresAt: number } | null = null;
let inflight: Promise<string | null> | null = null;
/**
 * The last session read (shared with the session provider's query). A guest has no session, so
 * asking /api/auth/token for one answered 401 on every page: the token is asked for only when
 * the session says someone is signed in.
 */
let sessionRead: Promise<SessionUser | null> | null = null;
/** The session read in flight, shared by everyone who asks meanwhile. */
let sessionInflight: Promise<SessionUser | null> | null = null;

function decodeExpiry(jwt: string): number {
  try {
    const payload = JSON.parse(atob(jwt.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: number };
    return (payload.exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}

/** The current JWT, or null when signed out. */
export async function getToken(): Promise<string | null> {
  if (cached && cached.expiresAt - 60_000 > Date.now()) return cached.token;
  inflight ??= (async () => {
    try {
      if (!(await (sessionRead ?? auth.session()))) {
        cached = null;
        return null;
      }
      const res = await fetch("/api/auth/token", { credentials: "include" });
      if (!res.ok) {
        cached = null;
        return null;
      }
      const { token } = (await res.json()) as { token: string };
      cached = { token, expiresAt: decodeExpiry(token) };
      return token;
    } catch {
      return null;
    } finally {
      inflight = null;
    }
  })();
  return inflight;
}

/** Forgets the token and the session read (after sign-in, sign-out or a role change). */
export function forgetToken(): void {
  cached = null;
  sessionRead = null;
}

export class AuthFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function post(path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`/api/auth/${path}`, {
    method: "POST",
    credentials: "include",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as { message?: string; code?: string };
  if (!res.ok) {
    const retry = res.headers.get("retry-after");
    const message =
      res.status === 429
        ? `Too many attempts. Try again in ${retry ?? "a few"} seconds.`
        : (data.message ?? `Request failed (${res.status})`);
    throw new AuthFailure(message, res.status);
  }
  forgetToken();
  return data;
}

export const auth = {
  signIn: (email: string, password: string) => post("sign-in/email", { email, password }),
  // Sign-up never starts a session (a duplicate email answers like a new one): sign in next.
  async signUp(name: string, email: string, password: string, phone?: string) {
    await post("sign-up/email", { name, email, password, ...(phone ? { phone } : {}) });
    return post("sign-in/email", { email, password });
  },
  signOut: () => post("sign-out", {}),
  requestPasswordReset: (email: string) =>
    post("request-password-reset", { email, redirectTo: `${window.location.origin}/account/reset-password` }),
  resetPassword: (token: string, newPassword: string) => post("reset-password", { token, newPassword }),
  changePassword: (currentPassword: string, newPassword: string) =>
    post("change-password", { currentPassword, newPassword, revokeOtherSessions: true }),
  /** Mails a link to the new address; the email changes when it is followed. */
  changeEmail: (newEmail: string) => post("change-email", { newEmail, callbackURL: "/account/security" }),
  session(): Promise<SessionUser | null> {
    // One read at a time: the session provider and the first token request ask together at
    // hydration, which was two identical get-session requests on every page (#21).
    sessionInflight ??= readSession()
      .catch(() => null)
      .finally(() => {
        sessionInflight = null;
      });
    sessionRead = sessionInflight;
    return sessionInflight;
  },
};

async function readSession(): Promise<SessionUser | null> {
  const res = await fetch("/api/auth/get-session", { credentials: "include" });
  if (!res.ok) return null;
  const data = (await res.json()) as { user?: SessionUser & { role?: string } } | null;
  if (!data?.user) return null;
  return { ...data.user, role: data.user.role || "customer" };
}

/** Refused or failed sign-up, sign-in or token refresh; `status` is the HTTP status. */
export class AuthError extends Error {
  override name = "AuthError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface AuthUser {
  id: string;
  email: string;
  name?: string;
}

export interface AuthSession {
  signUp(input: { email: string; password: string; name: string }): Promise<AuthUser>;
  signIn(input: { email: string; password: string }): Promise<AuthUser>;
  /** Ends the session at identity and forgets it here. */
  signOut(): Promise<void>;
  /**
   * The current JWT for the services, fetched after sign-in and refreshed shortly before it
   * expires; null when signed out. Pass it as a client's `getToken`.
   */
  getToken(): Promise<string | null>;
  /** better-auth's session token (the bearer for `/api/auth/*`), null when signed out. */
  readonly sessionToken: string | null;
}

export interface AuthSessionOptions {
  /** The gateway's origin (it routes `/api/auth/*` to identity). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Refresh the JWT when it has less than this left (default 60 s). */
  refreshBeforeMs?: number;
  /** Extra headers on every auth request (e.g. an Origin better-auth trusts). */
  headers?: Record<string, string>;
}

/**
 * Signs up or in through better-auth (email and password) and keeps a fresh JWT: with the bearer
 * plugin the session token comes back in `set-auth-token`, and `/api/auth/token` trades it for a
 * short-lived JWT that the services verify. Concurrent callers share one refresh.
 */
export function createAuthSession(opts: AuthSessionOptions): AuthSession {
  const base = opts.baseUrl.replace(/\/$/, "");
  const doFetch = opts.fetch ?? globalThis.fetch;
  const refreshBeforeMs = opts.refreshBeforeMs ?? 60_000;
  let sessionToken: string | null = null;
  let jwt: { token: string; expiresAt: number } | null = null;
  let refreshing: Promise<string> | null = null;

  async function call(path: string, init: RequestInit): Promise<Response> {
    const headers = { ...opts.headers, ...(init.headers as Record<string, string> | undefined) };
    const res = await doFetch(`${base}/api/auth${path}`, { ...init, headers });
    if (!res.ok) throw new AuthError(await failureMessage(res, path), res.status);
    return res;
  }

  async function startSession(path: string, body: object): Promise<AuthUser> {
    const res = await call(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const token = res.headers.get("set-auth-token");
    if (!token) throw new AuthError(`${path}: no set-auth-token header (is the bearer plugin on?)`, res.status);
    const data = (await res.json()) as { user?: AuthUser };
    sessionToken = token;
    jwt = null;
    await refresh();
    if (!data.user) throw new AuthError(`${path}: the answer has no user`, res.status);
    return data.user;
  }

  function refresh(): Promise<string> {
    refreshing ??= (async () => {
      try {
        const res = await call("/token", { headers: { authorization: `Bearer ${sessionToken}` } });
        const { token } = (await res.json()) as { token?: string };
        if (!token) throw new AuthError("/token: the answer has no token", res.status);
        jwt = { token, expiresAt: expiryOf(token) };
        return token;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  return {
    get sessionToken() {
      return sessionToken;
    },
    // Sign-up never starts a session (a duplicate email answers like a new one): sign in next.
    async signUp(input) {
      await call("/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(input),
      });
      return startSession("/sign-in/email", { email: input.email, password: input.password });
    },
    signIn: (input) => startSession("/sign-in/email", input),
    async signOut() {
      if (sessionToken) {
        await call("/sign-out", {
          method: "POST",
          headers: { authorization: `Bearer ${sessionToken}`, "content-type": "application/json" },
          body: "{}",
        }).catch(() => undefined);
      }
      sessionToken = null;
      jwt = null;
    },
    async getToken() {
      if (!sessionToken) return null;
      if (jwt && jwt.expiresAt - Date.now() > refreshBeforeMs) return jwt.token;
      return refresh();
    },
  };
}

/** When a JWT expires (ms), read from its `exp` claim; the signature is the services' business. */
function expiryOf(token: string): number {
  const payload = token.split(".")[1];
  if (!payload) throw new AuthError("/token: the token is not a JWT", 500);
  const claims = JSON.parse(base64UrlDecode(payload)) as { exp?: number };
  if (typeof claims.exp !== "number") throw new AuthError("/token: the token has no expiry", 500);
  return claims.exp * 1000;
}

function base64UrlDecode(part: string): string {
  const b64 = part
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

async function failureMessage(res: Response, path: string): Promise<string> {
  const body = (await res.json().catch(() => null)) as { message?: string; error?: { message?: string } } | null;
  return `${path}: ${body?.message ?? body?.error?.message ?? `answered ${res.status}`}`;
}

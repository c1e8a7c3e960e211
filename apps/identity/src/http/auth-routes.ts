import type { Context, Hono } from "hono";
import type { IdentityDeps } from "../deps.ts";
import { normalizeEmail } from "../domain/email.ts";
import { clientIp } from "./client-ip.ts";
import { createLimiter, type Limit } from "./rate-limit.ts";

const SIGN_IN = "/api/auth/sign-in/email";
const REQUEST_RESET = "/api/auth/request-password-reset";
const RESET = "/api/auth/reset-password";

/**
 * Mounts better-auth at /api/auth/*. In front of it: emails are trimmed and lower-cased, and
 * sign-in and password reset are rate-limited per client address and per email (429 with
 * Retry-After) before better-auth sees the request.
 */
export function mountAuthRoutes(app: Hono, deps: IdentityDeps): void {
  const { env } = deps;
  const limiter = createLimiter(deps.redis, env.RATE_LIMIT_WINDOW_SECONDS, deps.log.child({ component: "ratelimit" }));

  app.on(["GET", "POST"], "/api/auth/*", async (c) => {
    const req = await normalizedRequest(c.req.raw);
    if (req.method !== "POST") return deps.auth.handler(req);
    const path = new URL(req.url).pathname;
    const ip = clientIp(c.req.raw, c.env, env.TRUST_PROXY);
    const email = await emailOf(req);

    if (path === SIGN_IN) {
      // Every attempt counts per address; only failures count per email, so a real owner who
      // signs in often is never locked out while a guesser is.
      const failures: Limit[] = email ? [{ key: `signin-fail:${email}`, limit: env.RATE_LIMIT_SIGN_IN_PER_EMAIL }] : [];
      const wait =
        (await limiter.hit([{ key: `signin-ip:${ip}`, limit: env.RATE_LIMIT_PER_IP }])) ??
        (await limiter.blocked(failures));
      if (wait !== null) return tooMany(c, wait);
      const res = await deps.auth.handler(req);
      if (res.status === 401 || res.status === 403) await limiter.hit(failures);
      return res;
    }
    if (path === REQUEST_RESET) {
      const limits: Limit[] = [{ key: `reset-ip:${ip}`, limit: env.RATE_LIMIT_PER_IP }];
      if (email) limits.push({ key: `reset-email:${email}`, limit: env.RATE_LIMIT_RESET_PER_EMAIL });
      const wait = await limiter.hit(limits);
      if (wait !== null) return tooMany(c, wait);
    }
    if (path === RESET) {
      const wait = await limiter.hit([{ key: `reset-ip:${ip}`, limit: env.RATE_LIMIT_PER_IP }]);
      if (wait !== null) return tooMany(c, wait);
    }
    return deps.auth.handler(req);
  });
}

function tooMany(c: Context, retryAfterSeconds: number): Response {
  return c.json(
    {
      code: "TOO_MANY_REQUESTS",
      message: `Too many attempts: try again in ${retryAfterSeconds} seconds`,
    },
    429,
    { "retry-after": String(retryAfterSeconds) },
  );
}

/** A JSON POST whose `email` is rewritten trimmed and lower-cased; any other request unchanged. */
async function normalizedRequest(req: Request): Promise<Request> {
  if (req.method !== "POST" || !req.headers.get("content-type")?.includes("application/json")) return req;
  const text = await req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return rebuilt(req, text); // better-auth answers the malformed body itself
  }
  if (body && typeof body === "object" && "email" in body && typeof body.email === "string") {
    body = { ...body, email: normalizeEmail(body.email) };
  }
  return rebuilt(req, JSON.stringify(body));
}

function rebuilt(req: Request, body: string): Request {
  return new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal });
}

async function emailOf(req: Request): Promise<string | null> {
  if (!req.headers.get("content-type")?.includes("application/json")) return null;
  try {
    const body: unknown = await req.clone().json();
    return body && typeof body === "object" && "email" in body && typeof body.email === "string" ? body.email : null;
  } catch {
    return null;
  }
}

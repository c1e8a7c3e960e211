import { revokeSession, revokeUserTokens } from "@mercato/kit";
import type { Context, Hono } from "hono";
import { eraseUser } from "../app/erase-user.ts";
import type { IdentityDeps } from "../deps.ts";
import { normalizeEmail } from "../domain/email.ts";
import { toE164 } from "../domain/phone.ts";
import { profileProblem } from "../domain/profile-bounds.ts";
import { clientIp } from "./client-ip.ts";
import { asJsonError, jsonError } from "./json-errors.ts";
import { createLimiter, type Limit } from "./rate-limit.ts";

const BASE = "/api/auth";
const SIGN_IN = `${BASE}/sign-in/email`;
const SIGN_UP = `${BASE}/sign-up/email`;
const SEND_VERIFICATION = `${BASE}/send-verification-email`;
const REQUEST_RESET = `${BASE}/request-password-reset`;
const RESET = `${BASE}/reset-password`;
const SIGN_OUT = `${BASE}/sign-out`;
const CHANGE_PASSWORD = `${BASE}/change-password`;
const CHANGE_EMAIL = `${BASE}/change-email`;
const REMOVE_USER = `${BASE}/admin/remove-user`;

/** The user's own requests after which every JWT they hold so far stops working. */
const REVOKES_OWN_TOKENS = new Set([
  `${BASE}/change-password`,
  `${BASE}/revoke-sessions`,
  `${BASE}/revoke-other-sessions`,
]);
/** The admin plugin's changes to another user (by `userId` in the body) that end that user's tokens. */
const REVOKES_TARGET_TOKENS = new Set(
  ["set-role", "ban-user", "set-user-password", "revoke-user-sessions", "remove-user", "update-user"].map(
    (p) => `${BASE}/admin/${p}`,
  ),
);

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

/**
 * Mounts better-auth at /api/auth/*. In front of it:
 * - every body better-auth would read (JSON or form-encoded) is parsed once here and handed on as
 *   JSON, with `email` trimmed and lower-cased, so a limit keyed by email sees what better-auth sees;
 * - `name` and `image` are bounded on every endpoint (400 naming the field);
 * - sign-in, sign-up, verification emails and password reset are rate-limited per client address
 *   and per email in Redis, counted atomically BEFORE the attempt (429 with Retry-After);
 * - sign-out, password changes and the admin's changes to a user revoke the JWTs already issued;
 * - every error answer is a JSON body `{ code, message }` (better-auth leaves some empty).
 */
export function mountAuthRoutes(app: Hono, deps: IdentityDeps): void {
  const { env } = deps;
  const limiter = createLimiter(deps.redis, env.RATE_LIMIT_WINDOW_SECONDS, deps.log.child({ component: "ratelimit" }));

  app.on(["GET", "POST"], `${BASE}/*`, async (c) => {
    if (c.req.method !== "POST") return asJsonError(await deps.auth.handler(c.req.raw), c.req.raw);
    const parsed = await parseBody(c.req.raw);
    if (parsed.kind === "malformed") return jsonError(400, "BAD_REQUEST", `body: ${parsed.reason}`, "body");
    const req = parsed.request;
    const body = parsed.kind === "parsed" ? parsed.body : null;
    const path = new URL(req.url).pathname;
    const ip = clientIp(c.req.raw, c.env, env.TRUST_PROXY);
    const email = path === CHANGE_EMAIL ? newEmailOf(body) : emailOf(body);

    const problem = profileProblem(body);
    if (problem) return jsonError(400, "INVALID_INPUT", `${problem[0]}: ${problem[1]}`, problem[0]);
    if (body && body.phone !== undefined && body.phone !== null && body.phone !== "") {
      // Stored in E.164 form; parseBody already put the normalised number in the forwarded body.
      if (typeof body.phone !== "string" || !toE164(body.phone)) {
        return jsonError(
          400,
          "INVALID_INPUT",
          "phone: a phone number with its country code, like +44 20 7946 0000",
          "phone",
        );
      }
    }
    // Without verification required, identity sends no verification emails on request (nobody can
    // make it mail an address over and over); change-email still mails its link (rate-limited).
    if (path === SEND_VERIFICATION && !env.REQUIRE_EMAIL_VERIFICATION) {
      return jsonError(400, "BAD_REQUEST", "email: verification emails are not sent on request", "email");
    }

    const pass = async () => asJsonError(await deps.auth.handler(req), req);

    if (path === SIGN_IN) {
      // Counted before better-auth sees the attempt, so parallel guesses cannot all slip through
      // between a check and a count. A success gives its count back: an owner who signs in often
      // is never locked out, while a guesser is after RATE_LIMIT_SIGN_IN_PER_EMAIL failures.
      const perEmail: Limit[] = email ? [{ key: `signin-fail:${email}`, limit: env.RATE_LIMIT_SIGN_IN_PER_EMAIL }] : [];
      const wait = await limiter.hit([{ key: `signin-ip:${ip}`, limit: env.RATE_LIMIT_PER_IP }, ...perEmail]);
      if (wait !== null) return tooMany(c, wait);
      const res = await pass();
      if (res.ok) await limiter.release(perEmail);
      return res;
    }
    const limits = limitsFor(path, ip, email, env);
    if (limits) {
      const wait = await limiter.hit(limits);
      if (wait !== null) return tooMany(c, wait);
    }

    if (path === SIGN_OUT || REVOKES_OWN_TOKENS.has(path)) {
      const session = await deps.auth.api.getSession({ headers: req.headers }).catch(() => null);
      const res = await pass();
      if (!res.ok || !session) return res;
      return revoking(res, () =>
        path === SIGN_OUT
          ? revokeSession(deps.redis, session.session.id)
          : revokeUserTokens(deps.redis, session.user.id),
      );
    }
    if (path === REMOVE_USER) {
      // better-auth's admin removal deletes the user row; identity then forgets the rest and tells
      // every service (identity.user.deleted.v1), as a self-deletion does.
      const userId = body && typeof body.userId === "string" ? body.userId : null;
      const target = userId ? await (await deps.auth.$context).internalAdapter.findUserById(userId) : null;
      const res = await pass();
      if (!res.ok || !target) return res;
      return revoking(res, () => eraseUser(deps, { id: target.id, email: target.email }));
    }
    if (REVOKES_TARGET_TOKENS.has(path)) {
      const res = await pass();
      const userId = body && typeof body.userId === "string" ? body.userId : null;
      return res.ok && userId ? revoking(res, () => revokeUserTokens(deps.redis, userId)) : res;
    }
    return pass();
  });

  /** The answer once the revocation is recorded; a 503 saying so when it could not be (fails closed). */
  async function revoking(res: Response, revoke: () => Promise<void>): Promise<Response> {
    try {
      await revoke();
      return res;
    } catch (err) {
      deps.log.error({ err: String(err) }, "could not record a token revocation");
      return jsonError(
        503,
        "SERVICE_UNAVAILABLE",
        "tokens: the change was made but existing tokens could not be revoked; try again",
        "tokens",
      );
    }
  }
}

function limitsFor(path: string, ip: string, email: string | null, env: IdentityDeps["env"]): Limit[] | null {
  const byEmail = (key: string, limit: number): Limit[] => (email ? [{ key: `${key}:${email}`, limit }] : []);
  switch (path) {
    case SIGN_UP:
      return [
        { key: `signup-ip:${ip}`, limit: env.RATE_LIMIT_SIGN_UP_PER_IP },
        ...byEmail("signup-email", env.RATE_LIMIT_SIGN_UP_PER_EMAIL),
      ];
    case SEND_VERIFICATION:
      return [
        { key: `verify-ip:${ip}`, limit: env.RATE_LIMIT_PER_IP },
        ...byEmail("verify-email", env.RATE_LIMIT_VERIFY_PER_EMAIL),
      ];
    case REQUEST_RESET:
      return [
        { key: `reset-ip:${ip}`, limit: env.RATE_LIMIT_PER_IP },
        ...byEmail("reset-email", env.RATE_LIMIT_RESET_PER_EMAIL),
      ];
    case RESET:
      return [{ key: `reset-ip:${ip}`, limit: env.RATE_LIMIT_PER_IP }];
    case CHANGE_EMAIL:
      return [
        { key: `verify-ip:${ip}`, limit: env.RATE_LIMIT_PER_IP },
        ...byEmail("verify-email", env.RATE_LIMIT_VERIFY_PER_EMAIL),
      ];
    default:
      return null;
  }
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

type Parsed =
  | { kind: "parsed"; request: Request; body: Record<string, unknown> }
  | { kind: "other"; request: Request }
  | { kind: "malformed"; reason: string };

/**
 * The body as better-auth would read it. JSON and form-encoded bodies (the two kinds better-auth
 * accepts on sign-in and sign-up) become one JSON request, email normalised; anything else goes
 * on untouched (better-auth refuses other media types with 415).
 */
async function parseBody(req: Request): Promise<Parsed> {
  const mediaType = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== JSON_TYPE && mediaType !== FORM_TYPE) return { kind: "other", request: req };
  const text = await req.text();
  let body: unknown;
  if (mediaType === FORM_TYPE) {
    body = Object.fromEntries(new URLSearchParams(text));
  } else if (text.trim() === "") {
    body = {};
  } else {
    try {
      body = JSON.parse(text);
    } catch {
      return { kind: "malformed", reason: "not valid JSON" };
    }
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return { kind: "malformed", reason: "a JSON object" };
  const record = body as Record<string, unknown>;
  if (typeof record.email === "string") record.email = normalizeEmail(record.email);
  if (typeof record.newEmail === "string") record.newEmail = normalizeEmail(record.newEmail);
  if (typeof record.phone === "string") {
    const e164 = record.phone.trim() === "" ? null : toE164(record.phone);
    if (e164 || record.phone.trim() === "") record.phone = e164 ?? undefined;
  }
  // A password change always ends the user's other sessions (their tokens are revoked below too).
  if (new URL(req.url).pathname === CHANGE_PASSWORD) record.revokeOtherSessions = true;
  const headers = new Headers(req.headers);
  headers.set("content-type", JSON_TYPE);
  headers.delete("content-length");
  const request = new Request(req.url, {
    method: req.method,
    headers,
    body: JSON.stringify(record),
    signal: req.signal,
  });
  return { kind: "parsed", request, body: record };
}

function emailOf(body: Record<string, unknown> | null): string | null {
  return body && typeof body.email === "string" && body.email !== "" ? body.email : null;
}

function newEmailOf(body: Record<string, unknown> | null): string | null {
  return body && typeof body.newEmail === "string" && body.newEmail !== "" ? body.newEmail : null;
}

import { type AccessClaims, accessClaimsOf } from "@mercato/access";
import type { Logger, RedisClient } from "@mercato/kit";
import { betterAuth, type SecondaryStorage, type User } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { admin, bearer, jwt } from "better-auth/plugins";
import { adminAc, userAc } from "better-auth/plugins/admin/access";
import { PASSWORD_MAX, PASSWORD_MIN, type Role } from "../contract.ts";
import * as authSchema from "../db/auth-schema.ts";
import { redactDeep, redactEmails } from "../domain/email.ts";
import { passwordWeakness } from "../domain/password-strength.ts";
import { profileProblem } from "../domain/profile-bounds.ts";
import { withDemoId } from "./demo-id.ts";
import { redisSecondaryStorage } from "./secondary-storage.ts";

/** User JWTs are short-lived: services trust them without asking identity, so a ban lags at most this. */
export const JWT_LIFETIME = "15m";
export const RESET_TOKEN_TTL_SECONDS = 3600;
/** How long an email-verification link works (better-auth's default, stated so the event can say it). */
export const VERIFICATION_TOKEN_TTL_SECONDS = 3600;

export interface AuthSettings {
  secret: string;
  baseURL: string;
  trustedOrigins: string[];
  issuer: string;
  audience: string;
  requireEmailVerification: boolean;
  /** The zxcvbn score a new password must reach (0: no check). */
  passwordMinScore: number;
  /** Refuse browser requests from origins not in `trustedOrigins` (off only in tests, as better-auth does). */
  originCheck: boolean;
}

/** What identity does when better-auth reports something; wired to the outbox by the service. */
export interface AuthCallbacks {
  userCreated(user: User): Promise<void>;
  resetRequested(user: User, token: string, expiresAt: Date): Promise<void>;
  verificationRequested(user: User, token: string, expiresAt: Date): Promise<void>;
  /** A password was reset: the JWTs issued to the user before now must stop working. */
  passwordReset(user: User): Promise<void>;
}

/** better-auth writes users from several endpoints; every write keeps name and image in bounds. */
function boundedProfile<T>(data: T): { data: T } {
  const problem = profileProblem(data);
  if (problem) throw new APIError("BAD_REQUEST", { code: "INVALID_INPUT", message: `${problem[0]}: ${problem[1]}` });
  return { data };
}

/** better-auth's paths that set a password, and the body field that carries the new one. */
const SETS_PASSWORD: Record<string, string> = {
  "/sign-up/email": "password",
  "/reset-password": "newPassword",
  "/change-password": "newPassword",
  "/admin/set-user-password": "newPassword",
  "/admin/create-user": "password",
};

/**
 * Refuses a guessable new password on every path that sets one, before better-auth hashes or
 * writes anything (400, `field: "password"`). Lengths are left to better-auth's own bounds, so a
 * too-short password still reads as too short.
 */
function passwordStrengthHook(minScore: number) {
  return createAuthMiddleware(async (ctx) => {
    const field = SETS_PASSWORD[ctx.path];
    if (!field || minScore <= 0) return;
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const password = body[field];
    if (typeof password !== "string" || password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return;
    const userInputs = [body.email, body.name].filter((v): v is string => typeof v === "string");
    const weakness = await passwordWeakness(password, minScore, userInputs);
    if (weakness) {
      throw new APIError("BAD_REQUEST", { code: "PASSWORD_TOO_WEAK", message: weakness, field: "password" });
    }
  });
}

/**
 * better-auth for Mercato: email + password, HTTP-only cookie sessions kept in Redis, bearer
 * session tokens for API clients, 15-minute EdDSA JWTs (sub, email, role) for the other services,
 * and the admin plugin for roles and bans.
 */
export function createAuth(opts: {
  // biome-ignore lint/suspicious/noExplicitAny: any drizzle SQLite handle (the serialized one in the service)
  db: any;
  redis?: RedisClient;
  log?: Logger;
  settings: AuthSettings;
  callbacks: AuthCallbacks;
  /** The role, permissions, seller and refund limit a user's JWT carries (custom roles come from identity's DB). */
  accessClaims?: (user: { id: string; role: string | null | undefined }) => Promise<AccessClaims>;
  /** The customer group a user is in (#27), signed into the token as `grp`; none when absent. */
  customerGroupOf?: (userId: string) => Promise<string | null>;
}) {
  const { settings, callbacks } = opts;
  const accessClaims = opts.accessClaims ?? (async (user) => accessClaimsOf(user));
  const groupClaim = async (userId: string): Promise<{ grp?: string }> => {
    const group = await opts.customerGroupOf?.(userId);
    return group ? { grp: group } : {};
  };
  const secondaryStorage: SecondaryStorage | undefined = opts.redis ? redisSecondaryStorage(opts.redis) : undefined;
  return betterAuth({
    appName: "Mercato",
    // better-auth's own messages go to the service's structured log (and its level).
    logger: opts.log
      ? {
          level: "debug",
          // Emails never reach the log ("Sign-up attempt for existing email: ..." and the like).
          log: (level, message, ...args) =>
            opts.log?.[level]({ component: "better-auth", args: redactDeep(args) }, redactEmails(message)),
        }
      : { disabled: true },
    secret: settings.secret,
    baseURL: settings.baseURL,
    basePath: "/api/auth",
    trustedOrigins: settings.trustedOrigins,
    hooks: { before: passwordStrengthHook(settings.passwordMinScore) },
    database: drizzleAdapter(opts.db, { provider: "sqlite", schema: authSchema }),
    secondaryStorage,
    // Limits are ours (per IP and per email, in Redis, see http/rate-limit.ts).
    rateLimit: { enabled: false },
    advanced: {
      database: { generateId: () => Bun.randomUUIDv7() },
      // Decided by identity's own NODE_ENV, not the process's: better-auth would skip the check
      // whenever the process runs under `bun test`, also for an identity started in development
      // mode to show what a browser at an unlisted address meets.
      disableOriginCheck: !settings.originCheck,
    },
    user: {
      additionalFields: {
        // Optional at sign-up; http/auth-routes.ts refuses anything but a valid number and stores E.164.
        phone: { type: "string", required: false, input: true },
      },
      // The new address gets a verification link (mailed like every account link, never on the
      // bus); the email changes only when that link is followed.
      changeEmail: { enabled: true },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      requireEmailVerification: settings.requireEmailVerification,
      // A sign-up never signs in: better-auth then answers a duplicate email exactly like a new
      // account ({ token: null, user }, 200, the password hashed either way), so sign-up cannot
      // tell anyone which emails have accounts. Clients sign in next (packages/client does).
      autoSignIn: false,
      // The fake user of a duplicate carries what the admin plugin adds to a new one.
      customSyntheticUser: ({ coreFields, additionalFields, id }) => ({
        ...coreFields,
        role: "customer" satisfies Role,
        banned: false,
        banReason: null,
        banExpires: null,
        ...additionalFields,
        id,
      }),
      resetPasswordTokenExpiresIn: RESET_TOKEN_TTL_SECONDS,
      revokeSessionsOnPasswordReset: true,
      // Native argon2id with OWASP's recommended cost (19 MiB, 2 passes), not a pure-JS scrypt.
      password: {
        hash: (password) => Bun.password.hash(password, { algorithm: "argon2id", memoryCost: 19_456, timeCost: 2 }),
        verify: ({ hash, password }) => Bun.password.verify(password, hash),
      },
      sendResetPassword: ({ user, token }) =>
        callbacks.resetRequested(user, token, new Date(Date.now() + RESET_TOKEN_TTL_SECONDS * 1000)),
      onPasswordReset: ({ user }) => callbacks.passwordReset(user),
    },
    // The sender is always wired (a change of email mails its link to the new address); links are
    // mailed on sign-up only when verification is required, and when it is not,
    // /send-verification-email is refused in http/auth-routes.ts, so nobody can make identity
    // mail an address over and over.
    emailVerification: {
      sendOnSignUp: settings.requireEmailVerification,
      autoSignInAfterVerification: true,
      expiresIn: VERIFICATION_TOKEN_TTL_SECONDS,
      sendVerificationEmail: ({ user, token }: { user: User; token: string }) =>
        callbacks.verificationRequested(user, token, new Date(Date.now() + VERIFICATION_TOKEN_TTL_SECONDS * 1000)),
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user) => boundedProfile(withDemoId(user)),
          // Runs after better-auth's own write has committed.
          after: (user) => callbacks.userCreated(user),
        },
        update: {
          before: async (user) => boundedProfile(user),
        },
      },
    },
    plugins: [
      bearer(),
      admin({
        defaultRole: "customer" satisfies Role,
        // better-auth's own /admin/* endpoints; the shop's staff roles and permissions are @mercato/access's.
        adminRoles: ["superadmin"] satisfies Role[],
        roles: { customer: userAc, superadmin: adminAc } satisfies Record<Role, unknown>,
      }),
      jwt({
        jwks: { keyPairConfig: { alg: "EdDSA", crv: "Ed25519" } },
        jwt: {
          issuer: settings.issuer,
          audience: settings.audience,
          expirationTime: JWT_LIFETIME,
          // The claims the kit's verifier reads: sub (default: user id), email, the role resolved
          // into its permissions (`role`, `perms`, `sel` for a seller, `rlim` the refund limit),
          // and for the revocation list the session (`sid`, revoked by its sign-out) and the
          // issue time in ms (`ims`, compared with a password change, ban or role change).
          definePayload: async ({ user, session }) => ({
            email: user.email,
            ...(await accessClaims({ id: user.id, role: typeof user.role === "string" ? user.role : null })),
            ...(await groupClaim(user.id)),
            sid: session.id,
            ims: Date.now(),
          }),
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

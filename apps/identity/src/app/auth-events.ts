import {
  createEvent,
  EmailVerificationRequested,
  enqueue,
  PasswordResetRequested,
  UserRegistered,
} from "@mercato/events";
import { currentRequestId, revokeUserTokens } from "@mercato/kit";
import type { User } from "better-auth";
import type { AuthCallbacks } from "../auth/create-auth.ts";
import type { AccountLinkKind } from "../contract.ts";
import type { IdentityDeps } from "../deps.ts";
import { storeAccountLink } from "./account-links.ts";

type Deps = Pick<IdentityDeps, "db" | "relay" | "env" | "redis">;

/** The role better-auth's admin plugin stored on the new user (sign-up: its default, customer; an invitation: the staff role). */
function roleOf(user: User): string {
  const role = (user as User & { role?: unknown }).role;
  return typeof role === "string" && role.length > 0 ? role : "customer";
}

/**
 * better-auth's callbacks, turned into outbox events. They run after better-auth's own write has
 * committed (outside any transaction of ours), so each enqueue is its own write. A one-time link
 * is stored here and only its id goes on the bus (see app/account-links.ts), in the same write
 * as the event, so an event never names a link that was not kept.
 */
export function outboxCallbacks(deps: Deps): AuthCallbacks {
  const meta = (userId: string) => ({ key: userId, correlationId: currentRequestId() });
  const storefront = deps.env.STOREFRONT_URL.replace(/\/$/, "");
  const linkEvent = async (
    def: typeof PasswordResetRequested | typeof EmailVerificationRequested,
    kind: AccountLinkKind,
    path: string,
    user: User,
    token: string,
    expiresAt: Date,
  ) => {
    const url = `${storefront}${path}?token=${encodeURIComponent(token)}`;
    await deps.db.write(async (tx) => {
      const linkId = await storeAccountLink(tx, { userId: user.id, kind, url, expiresAt });
      const facts = { userId: user.id, email: user.email, name: user.name, linkId, expiresAt: expiresAt.toISOString() };
      await enqueue(tx, createEvent(def, facts, meta(user.id)));
    });
    deps.relay.kick();
  };
  return {
    passwordReset: (user) => revokeUserTokens(deps.redis, user.id),
    userCreated: async (user: User) => {
      await deps.db.write((tx) =>
        enqueue(
          tx,
          createEvent(
            UserRegistered,
            { userId: user.id, email: user.email, name: user.name, role: roleOf(user) },
            meta(user.id),
          ),
        ),
      );
      deps.relay.kick();
    },
    resetRequested: (user, token, expiresAt) =>
      linkEvent(PasswordResetRequested, "password_reset", "/account/reset-password", user, token, expiresAt),
    verificationRequested: (user, token, expiresAt) =>
      linkEvent(EmailVerificationRequested, "email_verification", "/account/verify-email", user, token, expiresAt),
  };
}

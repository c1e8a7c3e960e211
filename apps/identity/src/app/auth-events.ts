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
import type { IdentityDeps } from "../deps.ts";

type Deps = Pick<IdentityDeps, "db" | "relay" | "env" | "redis">;

/**
 * better-auth's callbacks, turned into outbox events. They run after better-auth's own write has
 * committed (outside any transaction of ours), so each enqueue is its own write.
 */
export function outboxCallbacks(deps: Deps): AuthCallbacks {
  const publish = async (event: Parameters<typeof enqueue>[1]) => {
    await deps.db.write((tx) => enqueue(tx, event));
    deps.relay.kick();
  };
  const meta = (userId: string) => ({ key: userId, correlationId: currentRequestId() });
  const storefront = deps.env.STOREFRONT_URL.replace(/\/$/, "");
  return {
    passwordReset: (user) => revokeUserTokens(deps.redis, user.id),
    userCreated: (user: User) =>
      publish(createEvent(UserRegistered, { userId: user.id, email: user.email, name: user.name }, meta(user.id))),
    resetRequested: (user, token, expiresAt) =>
      publish(
        createEvent(
          PasswordResetRequested,
          {
            userId: user.id,
            email: user.email,
            name: user.name,
            resetUrl: `${storefront}/account/reset-password?token=${encodeURIComponent(token)}`,
            expiresAt: expiresAt.toISOString(),
          },
          meta(user.id),
        ),
      ),
    verificationRequested: (user, token) =>
      publish(
        createEvent(
          EmailVerificationRequested,
          {
            userId: user.id,
            email: user.email,
            name: user.name,
            verifyUrl: `${storefront}/account/verify-email?token=${encodeURIComponent(token)}`,
          },
          meta(user.id),
        ),
      ),
  };
}

import { fileURLToPath } from "node:url";
import { type BaseDeps, defineService } from "@mercato/kit";
import { outboxCallbacks } from "./app/auth-events.ts";
import { customerGroupOf } from "./app/customer-groups.ts";
import { accessClaimsFor } from "./app/roles.ts";
import { createAuth } from "./auth/create-auth.ts";
import * as schema from "./db/schema.ts";
import { seedDemo } from "./db/seed.ts";
import { serializedOrm } from "./db/serialized-orm.ts";
import type { IdentityDeps } from "./deps.ts";
import { trustedOrigins } from "./domain/origins.ts";
import { type IdentityEnv, identityEnvSchema } from "./env.ts";
import { mountAuthRoutes } from "./http/auth-routes.ts";
import { identityRouter } from "./router/index.ts";

async function extend(base: BaseDeps<typeof schema, IdentityEnv>): Promise<IdentityDeps> {
  const { env } = base;
  const auth = createAuth({
    db: serializedOrm(base.db),
    redis: base.redis,
    log: base.log,
    settings: {
      secret: env.BETTER_AUTH_SECRET,
      baseURL: env.BETTER_AUTH_URL,
      trustedOrigins: trustedOrigins({
        urls: [env.STOREFRONT_URL, env.GATEWAY_URL, env.BETTER_AUTH_URL],
        extra: env.TRUSTED_ORIGINS,
        development: env.NODE_ENV !== "production",
      }),
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      requireEmailVerification: env.REQUIRE_EMAIL_VERIFICATION,
      passwordMinScore: env.PASSWORD_MIN_SCORE,
      // Test suites drive identity with scripts that send cookies without an Origin, as better-auth
      // assumes under NODE_ENV=test; development and production check every browser request.
      originCheck: env.NODE_ENV !== "test",
    },
    callbacks: outboxCallbacks(base),
    accessClaims: (u) => accessClaimsFor(base, u),
    customerGroupOf: (userId) => customerGroupOf(base, userId),
  });
  const deps: IdentityDeps = { ...base, auth };
  if (env.SEED_DEMO) await seedDemo(deps);
  return deps;
}

export const identityService = defineService({
  name: "identity",
  envSchema: identityEnvSchema,
  schema,
  migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
  router: identityRouter,
  extend,
  routes: mountAuthRoutes,
});

/**
 * For the schema generator only (`bunx --bun auth generate --config src/auth/generate.config.ts`):
 * the same plugins and fields as the service, with no database or Redis behind them.
 */
import { serviceEntry } from "@mercato/registry";
import { createAuth } from "./create-auth.ts";

const noop = async () => undefined;

export const auth = createAuth({
  db: {},
  settings: {
    secret: "schema-generation-only-secret-0123456789",
    baseURL: `http://127.0.0.1:${serviceEntry("identity").port}`,
    trustedOrigins: [],
    issuer: "mercato",
    audience: "mercato",
    requireEmailVerification: false,
    passwordMinScore: 3,
    originCheck: true,
  },
  callbacks: { userCreated: noop, resetRequested: noop, verificationRequested: noop, passwordReset: noop },
});

import { fileURLToPath } from "node:url";
import { inbox, outbox } from "@mercato/events/tables";
import { type BaseDeps, type BaseEnv, defineService, initServiceTRPC } from "@mercato/kit";

/**
 * A second, minimal kit service: it knows nothing of identity but its JWKS URL, and tells who the
 * caller is from the bearer JWT, exactly as catalog or orders would.
 */
const schema = { outbox, inbox };
const t = initServiceTRPC<BaseDeps<typeof schema, BaseEnv>>();

export const whoamiRouter = t.router({
  whoami: t.authedProcedure.query(({ ctx }) => ctx.user),
  adminOnly: t.staffProcedure("settings.write").query(({ ctx }) => ({ admin: ctx.user.email })),
});

export const whoamiService = defineService({
  // Not "whoami": a service's name is its namespace, and `whoami` is one of its procedures.
  name: "who",
  schema,
  // Identity's migrations include the outbox and inbox this service needs.
  migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
  router: whoamiRouter,
});

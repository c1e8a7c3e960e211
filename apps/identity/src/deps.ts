import type { Tx } from "@mercato/db";
import type { BaseDeps } from "@mercato/kit";
import type { Auth } from "./auth/create-auth.ts";
import type * as schema from "./db/schema.ts";
import type { IdentityEnv } from "./env.ts";

export type IdentityDeps = BaseDeps<typeof schema, IdentityEnv> & {
  /** better-auth, over this service's database and Redis. */
  auth: Auth;
};

export type IdentityTx = Tx<typeof schema>;

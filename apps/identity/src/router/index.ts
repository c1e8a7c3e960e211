import { router } from "../trpc.ts";
import { myAccessProcedure } from "./access.ts";
import { accountRouter } from "./account.ts";
import { addressesRouter } from "./addresses.ts";
import { adminUsersRouter } from "./admin-users.ts";
import { internalRouter } from "./internal.ts";
import { meProcedure, updateProfileProcedure } from "./me.ts";
import { rolesRouter } from "./roles.ts";

/** Identity's API, under the `identity` namespace. Sign-up/in/out live at /api/auth/* (better-auth). */
export const identityRouter = router({
  identity: router({
    me: meProcedure,
    myAccess: myAccessProcedure,
    updateProfile: updateProfileProcedure,
    addresses: addressesRouter,
    admin: router({ users: adminUsersRouter, roles: rolesRouter }),
    internal: internalRouter,
    account: accountRouter,
  }),
});

export type IdentityRouter = typeof identityRouter;

import { router } from "../trpc.ts";
import { myAccessProcedure } from "./access.ts";
import { addressesRouter } from "./addresses.ts";
import { adminUsersRouter } from "./admin-users.ts";
import { internalRouter } from "./internal.ts";
import { meProcedure, updateProfileProcedure } from "./me.ts";

/** Identity's API, under the `identity` namespace. Sign-up/in/out live at /api/auth/* (better-auth). */
export const identityRouter = router({
  identity: router({
    me: meProcedure,
    myAccess: myAccessProcedure,
    updateProfile: updateProfileProcedure,
    addresses: addressesRouter,
    admin: router({ users: adminUsersRouter }),
    internal: internalRouter,
  }),
});

export type IdentityRouter = typeof identityRouter;

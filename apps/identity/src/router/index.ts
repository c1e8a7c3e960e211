import { router } from "../trpc.ts";
import { myAccessProcedure } from "./access.ts";
import { accountRouter } from "./account.ts";
import { addressesRouter } from "./addresses.ts";
import { adminUsersRouter } from "./admin-users.ts";
import { customerGroupsRouter } from "./customer-groups.ts";
import { exportsRouter } from "./exports.ts";
import { internalRouter } from "./internal.ts";
import { meProcedure, updateProfileProcedure } from "./me.ts";
import { rolesRouter } from "./roles.ts";
import { auditRouter, invitationRouter, staffRouter } from "./staff.ts";

/** Identity's API, under the `identity` namespace. Sign-up/in/out live at /api/auth/* (better-auth). */
export const identityRouter = router({
  identity: router({
    me: meProcedure,
    myAccess: myAccessProcedure,
    updateProfile: updateProfileProcedure,
    addresses: addressesRouter,
    admin: router({
      users: adminUsersRouter,
      roles: rolesRouter,
      // Customer groups and their members (#27).
      groups: customerGroupsRouter,
      staff: staffRouter,
      audit: auditRouter,
      // CSV exports (#24).
      exports: exportsRouter,
    }),
    internal: internalRouter,
    account: accountRouter,
    invitation: invitationRouter,
  }),
});

export type IdentityRouter = typeof identityRouter;

import { deleteOwnAccount } from "../app/erase-user.ts";
import { exportAccount } from "../app/export-account.ts";
import { getPreferences, savePreferences } from "../app/preferences.ts";
import { currentSessionId, listSessions, revokeOtherSessions, revokeOwnSession } from "../app/sessions.ts";
import {
  accountExport,
  deleteAccountInput,
  deletedAccount,
  preferencesSchema,
  revokedSessions,
  savePreferencesInput,
  sessionIdInput,
  sessionSummary,
} from "../contract.ts";
import { authedProcedure, router } from "../trpc.ts";

/** The signed-in user's own account: preferences, sessions, export and deletion (#20). */
export const accountRouter = router({
  preferences: router({
    get: authedProcedure.output(preferencesSchema).query(({ ctx }) => getPreferences(ctx.deps, ctx.user.id)),
    save: authedProcedure
      .input(savePreferencesInput)
      .output(preferencesSchema)
      .mutation(({ ctx, input }) => savePreferences(ctx.deps, ctx.user.id, input)),
  }),
  sessions: router({
    list: authedProcedure
      .output(sessionSummary.array())
      .query(({ ctx }) => listSessions(ctx.deps, ctx.user.id, currentSessionId(ctx.req.headers))),
    revoke: authedProcedure
      .input(sessionIdInput)
      .output(revokedSessions)
      .mutation(({ ctx, input }) => revokeOwnSession(ctx.deps, ctx.user.id, input.id)),
    revokeOthers: authedProcedure
      .output(revokedSessions)
      .mutation(({ ctx }) => revokeOtherSessions(ctx.deps, ctx.user.id, currentSessionId(ctx.req.headers))),
  }),
  /** A mutation, not a query: it is a download of personal data, never cached or put in a URL. */
  export: authedProcedure.output(accountExport).mutation(({ ctx }) => exportAccount(ctx.deps, ctx.user.id)),
  delete: authedProcedure
    .input(deleteAccountInput)
    .output(deletedAccount)
    .mutation(({ ctx, input }) => deleteOwnAccount(ctx.deps, ctx.user.id, input.password)),
});

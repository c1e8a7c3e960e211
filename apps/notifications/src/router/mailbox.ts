import { mailboxPage, messageById } from "../app/mailbox.ts";
import { mailboxListInput, messageIdInput } from "../contract.ts";
import { mailboxProcedure, router } from "../trpc.ts";

export const mailboxRouter = router({
  /** Newest first; `nextCursor` is null on the last page. */
  list: mailboxProcedure.input(mailboxListInput).query(({ ctx, input }) => mailboxPage(ctx.deps, input)),

  byId: mailboxProcedure.input(messageIdInput).query(({ ctx, input }) => messageById(ctx.deps, input.id)),
});

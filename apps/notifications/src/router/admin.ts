import { failedMessages, retryFailedMessage } from "../app/failed-messages.ts";
import { messageIdInput } from "../contract.ts";
import { router, staffProcedure } from "../trpc.ts";

export const adminRouter = router({
  /** The most recent failed messages, newest first, with the provider's reason. */
  failed: staffProcedure("mailbox.read").query(({ ctx }) => failedMessages(ctx.deps)),

  /** Puts a failed message back in the queue with a fresh attempt budget (same id, so same idempotency key). */
  retry: staffProcedure("mailbox.read")
    .input(messageIdInput)
    .mutation(({ ctx, input }) => retryFailedMessage(ctx.deps, input.id)),
});

import { failedMessages, retryFailedMessage } from "../app/failed-messages.ts";
import { messageIdInput } from "../contract.ts";
import { adminProcedure, router } from "../trpc.ts";

export const adminRouter = router({
  /** The most recent failed messages, newest first, with the provider's reason. */
  failed: adminProcedure.query(({ ctx }) => failedMessages(ctx.deps)),

  /** Puts a failed message back in the queue with a fresh attempt budget (same id, so same idempotency key). */
  retry: adminProcedure.input(messageIdInput).mutation(({ ctx, input }) => retryFailedMessage(ctx.deps, input.id)),
});

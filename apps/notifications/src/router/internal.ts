import { messagesFor } from "../app/export-messages.ts";
import { exportedMessageSchema, messagesForInput } from "../contract.ts";
import { internalProcedure, router } from "../trpc.ts";

export const internalRouter = router({
  /** A user's messages (by user id and address) for identity's data export. */
  messagesFor: internalProcedure(["identity"])
    .input(messagesForInput)
    .output(exportedMessageSchema.array())
    .query(({ ctx, input }) => messagesFor(ctx.deps, input)),
});

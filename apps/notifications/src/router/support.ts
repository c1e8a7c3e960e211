import {
  myConversation,
  readMyConversation,
  shopperSend,
  staffConversation,
  staffReply,
  supportInbox,
} from "../app/support.ts";
import { shopperMessageStream, staffInboxStream } from "../app/support-stream.ts";
import {
  supportConversationInput,
  supportConversationSchema,
  supportInboxInput,
  supportInboxPageSchema,
  supportMessageSchema,
  supportOpenInput,
  supportSendInput,
} from "../contract.ts";
import { authedProcedure, router, staffProcedure } from "../trpc.ts";

const noStore = (headers: Headers) => headers.set("cache-control", "private, no-store");

/** `notifications.support.*` (#22): the shopper's side of the support chat, and `admin` for support staff. */
export const supportRouter = router({
  /** The signed-in shopper's conversation about an order (or their account), or null before the first message. */
  mine: authedProcedure
    .input(supportOpenInput)
    .output(supportConversationSchema.nullable())
    .query(({ ctx, input }) => {
      noStore(ctx.resHeaders);
      return myConversation(ctx.deps, ctx.user, input.orderId);
    }),

  /** One of the shopper's own conversations (another's: 404); reading it counts as seen. */
  conversation: authedProcedure
    .input(supportConversationInput)
    .output(supportConversationSchema)
    .query(({ ctx, input }) => {
      noStore(ctx.resHeaders);
      return readMyConversation(ctx.deps, ctx.user, input.conversationId);
    }),

  /** Writes to support about an order of theirs or their account (plain text, bounded, rate-limited). */
  send: authedProcedure
    .input(supportSendInput.omit({ conversationId: true }).extend(supportOpenInput.shape))
    .output(supportMessageSchema)
    .mutation(({ ctx, input }) => shopperSend(ctx.deps, ctx.user, input)),

  /** SSE: new messages of one of the shopper's own conversations. */
  onMessage: authedProcedure
    .input(supportConversationInput)
    .subscription(({ ctx, input, signal }) => shopperMessageStream(ctx.deps, ctx.user, input.conversationId, signal)),

  admin: router({
    /** Conversations by their last message, newest first. */
    inbox: staffProcedure("support.chat")
      .input(supportInboxInput)
      .output(supportInboxPageSchema)
      .query(({ ctx, input }) => {
        noStore(ctx.resHeaders);
        return supportInbox(ctx.deps, input);
      }),

    conversation: staffProcedure("support.chat")
      .input(supportConversationInput)
      .output(supportConversationSchema.extend({ email: supportInboxPageSchema.shape.items.element.shape.email }))
      .query(({ ctx, input }) => {
        noStore(ctx.resHeaders);
        return staffConversation(ctx.deps, input.conversationId);
      }),

    reply: staffProcedure("support.chat")
      .input(supportSendInput)
      .output(supportMessageSchema)
      .mutation(({ ctx, input }) => staffReply(ctx.deps, ctx.user, input)),

    /** SSE: every new message of every conversation. */
    onInbox: staffProcedure("support.chat").subscription(({ ctx, signal }) => staffInboxStream(ctx.deps, signal)),
  }),
});

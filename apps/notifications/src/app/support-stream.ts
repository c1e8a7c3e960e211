import { listenerStream } from "@mercato/events";
import type { AuthUser } from "@mercato/kit";
import type { SupportMessage } from "../contract.ts";
import type { NotificationsDeps } from "../deps.ts";
import { markSeen, ownConversation, supportMessageById } from "./support.ts";

type Deps = Pick<NotificationsDeps, "db" | "supportLive">;

/**
 * `notifications.support.onMessage`: the shopper's own conversation live (another's is 404 before
 * anything streams). While it is open the shopper counts as present: each answer it delivers is
 * marked seen, so no away email follows.
 */
export async function* shopperMessageStream(
  deps: Deps,
  user: AuthUser,
  conversationId: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<SupportMessage> {
  await ownConversation(deps, user, conversationId);
  const wakes = deps.supportLive.watch(conversationId, signal);
  await markSeen(deps, conversationId);
  for await (const wake of wakes) {
    const message = await supportMessageById(deps, wake.messageId);
    if (!message || message.conversationId !== conversationId) continue;
    if (message.author === "staff") await markSeen(deps, conversationId);
    yield message;
  }
}

/** `notifications.support.admin.onInbox`: every new message of every conversation, for support staff. */
export async function* staffInboxStream(deps: Deps, signal: AbortSignal | undefined): AsyncGenerator<SupportMessage> {
  const wakes = listenerStream<{ messageId: string }>((push) => deps.supportLive.listenAll((w) => push(w)), signal);
  for await (const wake of wakes) {
    const message = await supportMessageById(deps, wake.messageId);
    if (message) yield message;
  }
}

import type { Tx } from "@mercato/db";
import { type EventOf, processOnce, type UserDeleted } from "@mercato/events";
import { eq, inArray, or, sql } from "drizzle-orm";
import type * as schema from "../db/schema.ts";
import {
  deferredEvents,
  deletedUsers,
  messages,
  orderUsers,
  preferences,
  pushSubscriptions,
  supportConversations,
  supportMessages,
} from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import { INBOX_CONSUMER } from "./inbox.ts";

export interface Forgotten {
  messages: number;
  deferred: number;
  preferences: number;
  pushSubscriptions: number;
}

/**
 * A deleted account (#20): the mailbox loses every message to that user, found by user id and by
 * the address the event gives (guest orders placed with it, messages from before user ids were
 * recorded); the events still waiting for a recipient that name the address or one of the user's
 * orders are dropped; their preferences (with the phone number) and their browsers' push
 * subscriptions are forgotten (their SMS and push messages go with the messages: same user id). Ids only are kept: the user id
 * (`deleted_users`) and which of the orders were theirs (`order_users`, no address), so a late
 * event about them or one of their orders (another stream, a retry) records nothing. The address
 * in the event is never stored.
 * Once per event (inbox); a second deletion of the same user finds nothing left.
 */
export async function forgetUser(
  deps: Pick<NotificationsDeps, "db" | "log">,
  event: EventOf<typeof UserDeleted>,
): Promise<Forgotten | null> {
  const { userId, email } = event.data;
  const address = email.trim().toLowerCase();
  const outcome = await processOnce(deps.db, INBOX_CONSUMER, event, async (tx: Tx<typeof schema>) => {
    const orders = await tx
      .select({ orderId: orderUsers.orderId })
      .from(orderUsers)
      .where(eq(orderUsers.userId, userId));
    const removedMessages = await tx
      .delete(messages)
      .where(or(eq(messages.userId, userId), eq(sql`lower(${messages.to})`, address)))
      .returning({ id: messages.id });
    // A parked event is its whole envelope as JSON: it names the address, or the order (payment
    // failed); matched as JSON strings, quotes included, so "o-1" does not match "o-12".
    const mentions = [address, ...orders.map((o) => o.orderId)].map(
      (needle) => sql`instr(lower(${deferredEvents.payload}), ${JSON.stringify(needle)}) > 0`,
    );
    const removedDeferred = await tx
      .delete(deferredEvents)
      .where(or(...mentions))
      .returning({ id: deferredEvents.eventId });
    const removedPrefs = await tx.delete(preferences).where(eq(preferences.userId, userId)).returning();
    const removedSubs = await tx
      .delete(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, userId))
      .returning({ id: pushSubscriptions.id });
    // Their support chat (#22): the conversations (which hold their address) and every message in them.
    const chats = await tx
      .delete(supportConversations)
      .where(eq(supportConversations.userId, userId))
      .returning({ id: supportConversations.id });
    if (chats.length > 0) {
      await tx.delete(supportMessages).where(
        inArray(
          supportMessages.conversationId,
          chats.map((c) => c.id),
        ),
      );
    }
    await tx
      .insert(deletedUsers)
      .values({ userId, deletedAt: new Date(event.data.deletedAt) })
      .onConflictDoNothing();
    return {
      messages: removedMessages.length,
      deferred: removedDeferred.length,
      preferences: removedPrefs.length,
      pushSubscriptions: removedSubs.length,
    };
  });
  if (!outcome.done) return null;
  deps.log.info({ eventId: event.id, ...outcome.result }, "deleted account forgotten");
  return outcome.result;
}

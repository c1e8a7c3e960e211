/**
 * The support chat (#22): a signed-in shopper writes to support about an order (one of theirs,
 * as orders.placed told notifications) or about their account; support staff answer from the
 * inbox. Messages are stored as plain text and announced on the `support` live topic after the
 * commit; the shopper's own conversations are the only ones they can read (anything else is 404).
 */
import { decodeCursor, encodeCursor } from "@mercato/db";
import type { AuthUser } from "@mercato/kit";
import { DomainError, notFound } from "@mercato/kit/errors";
import { and, asc, desc, eq, inArray, isNull, lt, max, or, type SQL } from "drizzle-orm";
import type { SupportConversation, SupportInboxInput, SupportInboxItem, SupportMessage } from "../contract.ts";
import { supportInboxInput } from "../contract.ts";
import { supportConversations, supportMessages } from "../db/schema.ts";
import type { NotificationsDeps } from "../deps.ts";
import { plainText, previewOf, rateKey } from "../domain/support.ts";
import { userOfOrder } from "./order-facts.ts";

type Deps = Pick<NotificationsDeps, "db" | "redis" | "env" | "log" | "supportLive">;
type ConversationRow = typeof supportConversations.$inferSelect;

const messageColumns = {
  id: supportMessages.id,
  conversationId: supportMessages.conversationId,
  author: supportMessages.author,
  body: supportMessages.body,
  createdAt: supportMessages.createdAt,
};

async function messagesOf(deps: Pick<Deps, "db">, conversationId: string): Promise<SupportMessage[]> {
  return deps.db.orm
    .select(messageColumns)
    .from(supportMessages)
    .where(eq(supportMessages.conversationId, conversationId))
    .orderBy(asc(supportMessages.id))
    .limit(500);
}

function view(row: ConversationRow, messages: SupportMessage[]): SupportConversation {
  return {
    id: row.id,
    orderId: row.orderId,
    createdAt: row.createdAt,
    lastMessageAt: row.lastMessageAt,
    lastAuthor: row.lastAuthor,
    messages,
  };
}

/**
 * Counts one message against its author's fixed window in Redis; over the limit → 429 naming
 * `body`. Redis away: the message is let through (logged), like the gateway's broad limits.
 */
async function chargeRate(deps: Deps, userId: string): Promise<void> {
  const key = rateKey(userId, new Date(), deps.env.SUPPORT_RATE_WINDOW_SECONDS);
  let n: number;
  try {
    n = await deps.redis.incr(key);
    if (n === 1) await deps.redis.expire(key, deps.env.SUPPORT_RATE_WINDOW_SECONDS + 1);
  } catch (err) {
    deps.log.warn({ err: String(err) }, "support rate limit not counted: redis unreachable");
    return;
  }
  if (n > deps.env.SUPPORT_RATE_LIMIT) {
    throw new DomainError(
      "too_many",
      "body",
      `at most ${deps.env.SUPPORT_RATE_LIMIT} messages per ${deps.env.SUPPORT_RATE_WINDOW_SECONDS} s; wait a moment`,
    );
  }
}

function bodyOf(raw: string): string {
  const body = plainText(raw);
  if (body.length === 0) throw new DomainError("invalid", "body", "write a message");
  return body;
}

/** The shopper's conversation about `orderId` (or their account's), or null when there is none yet. */
export async function myConversation(
  deps: Pick<Deps, "db">,
  user: AuthUser,
  orderId: string | undefined,
): Promise<SupportConversation | null> {
  const [row] = await deps.db.orm
    .select()
    .from(supportConversations)
    .where(
      and(
        eq(supportConversations.userId, user.id),
        orderId ? eq(supportConversations.orderId, orderId) : isNull(supportConversations.orderId),
      ),
    )
    .limit(1);
  return row ? view(row, await messagesOf(deps, row.id)) : null;
}

/** A conversation the shopper owns; another's is "not found", whether it exists or not. */
async function ownConversation(deps: Pick<Deps, "db">, user: AuthUser, conversationId: string) {
  const [row] = await deps.db.orm
    .select()
    .from(supportConversations)
    .where(and(eq(supportConversations.id, conversationId), eq(supportConversations.userId, user.id)));
  if (!row) throw notFound("conversationId", `no conversation "${conversationId}"`);
  return row;
}

/** The shopper reads their conversation: it counts as seen (no away email for what they saw). */
export async function readMyConversation(
  deps: Pick<Deps, "db">,
  user: AuthUser,
  conversationId: string,
): Promise<SupportConversation> {
  const row = await ownConversation(deps, user, conversationId);
  await markSeen(deps, row.id);
  return view(row, await messagesOf(deps, row.id));
}

export async function markSeen(deps: Pick<Deps, "db">, conversationId: string): Promise<void> {
  await deps.db.write((tx) =>
    tx
      .update(supportConversations)
      .set({ shopperSeenAt: new Date() })
      .where(eq(supportConversations.id, conversationId)),
  );
}

/** The shopper writes (opening the conversation with the first message). */
export async function shopperSend(
  deps: Deps,
  user: AuthUser,
  input: { orderId?: string; body: string },
): Promise<SupportMessage> {
  const body = bodyOf(input.body);
  if (input.orderId && (await userOfOrder(deps.db, input.orderId)) !== user.id) {
    throw notFound("orderId", `no order "${input.orderId}" of yours`);
  }
  await chargeRate(deps, user.id);
  const now = new Date();
  const message = await deps.db.write(async (tx) => {
    const [found] = await tx
      .select()
      .from(supportConversations)
      .where(
        and(
          eq(supportConversations.userId, user.id),
          input.orderId ? eq(supportConversations.orderId, input.orderId) : isNull(supportConversations.orderId),
        ),
      )
      .limit(1);
    const conversationId = found?.id ?? Bun.randomUUIDv7();
    if (found) {
      await tx
        .update(supportConversations)
        .set({ lastMessageAt: now, lastAuthor: "shopper", shopperSeenAt: now })
        .where(eq(supportConversations.id, conversationId));
    } else {
      await tx.insert(supportConversations).values({
        id: conversationId,
        userId: user.id,
        orderId: input.orderId ?? null,
        email: user.email,
        createdAt: now,
        lastMessageAt: now,
        lastAuthor: "shopper",
        shopperSeenAt: now,
      });
    }
    const [row] = await tx
      .insert(supportMessages)
      .values({ id: Bun.randomUUIDv7(), conversationId, author: "shopper", authorId: user.id, body, createdAt: now })
      .returning(messageColumns);
    if (!row) throw new Error("support message not stored");
    return row;
  });
  deps.supportLive.publish(message.conversationId, { messageId: message.id });
  return message;
}

/**
 * Support staff answer. If the shopper does not see it within SUPPORT_AWAY_EMAIL_SECONDS, one
 * email tells them (a run of answers before that shares the one email).
 */
export async function staffReply(
  deps: Deps,
  staff: AuthUser,
  input: { conversationId: string; body: string },
): Promise<SupportMessage> {
  const body = bodyOf(input.body);
  await chargeRate(deps, staff.id);
  const now = new Date();
  const message = await deps.db.write(async (tx) => {
    const [found] = await tx
      .select()
      .from(supportConversations)
      .where(eq(supportConversations.id, input.conversationId));
    if (!found) throw notFound("conversationId", `no conversation "${input.conversationId}"`);
    await tx
      .update(supportConversations)
      .set({
        lastMessageAt: now,
        lastAuthor: "staff",
        awayEmailDueAt: found.awayEmailDueAt ?? new Date(now.getTime() + deps.env.SUPPORT_AWAY_EMAIL_SECONDS * 1000),
      })
      .where(eq(supportConversations.id, found.id));
    const [row] = await tx
      .insert(supportMessages)
      .values({
        id: Bun.randomUUIDv7(),
        conversationId: found.id,
        author: "staff",
        authorId: staff.id,
        body,
        createdAt: now,
      })
      .returning(messageColumns);
    if (!row) throw new Error("support message not stored");
    return row;
  });
  deps.supportLive.publish(message.conversationId, { messageId: message.id });
  return message;
}

/** Any conversation, for support staff. */
export async function staffConversation(deps: Pick<Deps, "db">, conversationId: string) {
  const [row] = await deps.db.orm
    .select()
    .from(supportConversations)
    .where(eq(supportConversations.id, conversationId));
  if (!row) throw notFound("conversationId", `no conversation "${conversationId}"`);
  return { ...view(row, await messagesOf(deps, row.id)), email: row.email };
}

/** The inbox: conversations by their last message, newest first, with a preview of it. */
export async function supportInbox(deps: Pick<Deps, "db">, raw: SupportInboxInput) {
  const input = supportInboxInput.parse(raw);
  const where: SQL[] = [];
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, ["number", "string"]);
    const before = or(
      lt(supportConversations.lastMessageAt, new Date(at)),
      and(eq(supportConversations.lastMessageAt, new Date(at)), lt(supportConversations.id, id)),
    );
    if (before) where.push(before);
  }
  const rows = await deps.db.orm
    .select()
    .from(supportConversations)
    .where(and(...where))
    .orderBy(desc(supportConversations.lastMessageAt), desc(supportConversations.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const previews = await lastMessages(
    deps,
    page.map((r) => r.id),
  );
  const items: SupportInboxItem[] = page.map((r) => ({
    id: r.id,
    orderId: r.orderId,
    email: r.email,
    lastMessageAt: r.lastMessageAt,
    lastAuthor: r.lastAuthor,
    preview: previewOf(previews.get(r.id) ?? ""),
  }));
  return {
    items,
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.lastMessageAt.getTime(), last.id]) : null,
  };
}

/** The newest message of each conversation (UUIDv7 ids: the greatest id is the newest). */
async function lastMessages(deps: Pick<Deps, "db">, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const newest = deps.db.orm
    .select({ id: max(supportMessages.id) })
    .from(supportMessages)
    .where(inArray(supportMessages.conversationId, ids))
    .groupBy(supportMessages.conversationId);
  const rows = await deps.db.orm
    .select({ conversationId: supportMessages.conversationId, body: supportMessages.body })
    .from(supportMessages)
    .where(inArray(supportMessages.id, newest));
  return new Map(rows.map((r) => [r.conversationId, r.body]));
}

export async function supportMessageById(deps: Pick<Deps, "db">, id: string): Promise<SupportMessage | null> {
  const [row] = await deps.db.orm.select(messageColumns).from(supportMessages).where(eq(supportMessages.id, id));
  return row ?? null;
}

/** Exposed for ownership checks of the live stream. */
export { ownConversation };

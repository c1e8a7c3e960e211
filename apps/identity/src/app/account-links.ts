/**
 * One-time account links (password reset, email verification) kept apart from the bus: identity
 * stores the link and publishes only its opaque id; notifications claims the link with its
 * service credential when it mails it.
 */
import { notFound } from "@mercato/kit";
import { and, eq, isNotNull, lt, or } from "drizzle-orm";
import type { AccountLink, AccountLinkKind } from "../contract.ts";
import { accountLinks } from "../db/schema.ts";
import type { IdentityDeps, IdentityTx } from "../deps.ts";

/**
 * How long after its first claim a link may be claimed again: notifications claims, then records
 * the email in its own transaction; if it crashes in between, the redelivered event claims again.
 * After that the link is gone from identity (the token itself still works until it expires).
 */
export const RECLAIM_WINDOW_MS = 10 * 60_000;

export interface NewAccountLink {
  userId: string;
  kind: AccountLinkKind;
  url: string;
  expiresAt: Date;
}

/** Stores a link (in the caller's transaction, beside the event that names it) and returns its id. */
export async function storeAccountLink(tx: IdentityTx, link: NewAccountLink, now = new Date()): Promise<string> {
  // Links nobody claimed before they expired, and claimed ones past their window, are not kept.
  await tx
    .delete(accountLinks)
    .where(
      or(
        lt(accountLinks.expiresAt, now),
        and(isNotNull(accountLinks.claimedAt), lt(accountLinks.claimedAt, new Date(now.getTime() - RECLAIM_WINDOW_MS))),
      ),
    );
  const id = crypto.randomUUID();
  await tx.insert(accountLinks).values({ id, ...link, createdAt: now });
  return id;
}

/** `identity.internal.accountLink`: the link behind an event's `linkId`, for notifications only. */
export async function claimAccountLink(
  deps: Pick<IdentityDeps, "db">,
  linkId: string,
  now = new Date(),
): Promise<AccountLink> {
  return deps.db.write(async (tx) => {
    const [row] = await tx.select().from(accountLinks).where(eq(accountLinks.id, linkId)).limit(1);
    const reclaimable = !row?.claimedAt || now.getTime() - row.claimedAt.getTime() <= RECLAIM_WINDOW_MS;
    if (!row || row.expiresAt <= now || !reclaimable) {
      throw notFound("linkId", "no such link, or it expired or was already sent");
    }
    if (!row.claimedAt) await tx.update(accountLinks).set({ claimedAt: now }).where(eq(accountLinks.id, linkId));
    return { kind: row.kind as AccountLinkKind, userId: row.userId, url: row.url, expiresAt: row.expiresAt };
  });
}

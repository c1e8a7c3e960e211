import { createHash } from "node:crypto";
import { createEvent, enqueue, OrderAccessLinkRequestedEvent } from "@mercato/events";
import { DomainError, invalid } from "@mercato/kit";
import { and, eq } from "drizzle-orm";
import {
  ACCESS_LINK_EXPIRED,
  ACCESS_LINK_INVALID,
  type AccessLinkInternalResult,
  type OrderLookupInput,
  type OrderLookupResult,
  type RedeemLinkInput,
} from "../contract.ts";
import { orderViewById } from "../db/queries.ts";
import { orderViews } from "../db/schema.ts";
import type { OrdersDeps } from "../deps.ts";
import { signAccessLink, verifyAccessLink } from "../domain/access-link.ts";
import { OrderNotFoundError } from "../domain/errors.ts";
import { accessTokenFor } from "./access.ts";

const DAY_SECONDS = 24 * 3600;

/**
 * A fresh signed link token to one order, for notifications to mail (`orders.internal.accessLink`,
 * notifications' credential only): the bus never carries it.
 */
export async function issueAccessLink(deps: OrdersDeps, orderId: string): Promise<AccessLinkInternalResult> {
  const row = await orderViewById(deps.db, orderId);
  if (!row) throw new OrderNotFoundError(orderId);
  const { token, expiresAt } = await signAccessLink(
    deps.linkSecret,
    orderId,
    deps.env.ORDER_LINK_TTL_DAYS * DAY_SECONDS,
  );
  return { orderId, number: row.number, email: row.email, token, expiresAt: expiresAt.toISOString() };
}

/**
 * Exchanges an emailed link for the order's access token (which the storefront keeps in the
 * order's HttpOnly cookie). An expired, tampered or foreign link, or one for an order that no
 * longer exists, is refused with a 400 naming `link` and saying which.
 */
export async function redeemAccessLink(
  deps: OrdersDeps,
  input: RedeemLinkInput,
): Promise<{ orderId: string; accessToken: string; expiresAt: string }> {
  const check = await verifyAccessLink(deps.linkSecret, input.link, input.orderId);
  if (!check.ok) throw invalid("link", check.why === "expired" ? ACCESS_LINK_EXPIRED : ACCESS_LINK_INVALID);
  const row = await orderViewById(deps.db, input.orderId);
  if (!row) throw invalid("link", ACCESS_LINK_INVALID);
  return {
    orderId: input.orderId,
    accessToken: accessTokenFor(deps.accessSecret, input.orderId),
    expiresAt: check.expiresAt.toISOString(),
  };
}

const tooMany = (field: string, reason: string) => new DomainError("too_many", field, reason);

/** Counts one lookup against a fixed window in Redis (shared by every orders instance). */
async function charge(deps: OrdersDeps, key: string): Promise<number> {
  const windowMs = deps.env.ORDER_LOOKUP_WINDOW_MS;
  // The window starts with the first lookup; INCR never removes the expiry SET gave it.
  await deps.redis.set(key, "0", { PX: windowMs, NX: true });
  return deps.redis.incr(key);
}

/**
 * "Send me a link to my order" (#21): when an order has this number and was placed with this
 * email, orders publishes `orders.access_link.requested.v1` naming the order, and notifications
 * mails a fresh link to the order's email. The answer is the same whether or not one matched, so
 * the form tells nobody which orders or emails exist; lookups are limited per client address and
 * per email (counted before the lookup, matched or not: 429 naming `clientAddress` / `email`).
 */
export async function requestAccessLink(
  deps: OrdersDeps,
  input: OrderLookupInput,
  clientAddress: string | null,
): Promise<OrderLookupResult> {
  const email = input.email.trim().toLowerCase();
  const emailKey = createHash("sha256").update(email).digest("hex").slice(0, 32);
  const window = `${Math.round(deps.env.ORDER_LOOKUP_WINDOW_MS / 60_000)} min`;
  if (clientAddress) {
    const n = await charge(deps, `orders:lookup:addr:${clientAddress}`);
    if (n > deps.env.ORDER_LOOKUP_MAX_PER_ADDRESS) {
      throw tooMany(
        "clientAddress",
        `at most ${deps.env.ORDER_LOOKUP_MAX_PER_ADDRESS} lookups per ${window}: try later`,
      );
    }
  }
  const n = await charge(deps, `orders:lookup:email:${emailKey}`);
  if (n > deps.env.ORDER_LOOKUP_MAX_PER_EMAIL) {
    throw tooMany("email", `at most ${deps.env.ORDER_LOOKUP_MAX_PER_EMAIL} links per email per ${window}: try later`);
  }
  const [match] = await deps.db.orm
    .select({ id: orderViews.id })
    .from(orderViews)
    .where(and(eq(orderViews.number, input.orderNumber), eq(orderViews.email, email)))
    .limit(1);
  if (match) {
    await deps.db.write((tx) =>
      enqueue(tx, createEvent(OrderAccessLinkRequestedEvent, { orderId: match.id }, { key: match.id })),
    );
    deps.relay.kick();
  }
  return { accepted: true };
}

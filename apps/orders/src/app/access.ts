import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { AuthUser } from "@mercato/kit";
import { type OrderViewRow, orderViewById } from "../db/queries.ts";
import type { OrdersDeps } from "../deps.ts";
import { OrderNotFoundError } from "../domain/errors.ts";

/**
 * A guest's key to their order: an HMAC of the order id under a server secret, so it is
 * unguessable, and the same on every retry of the checkout that created it (only its hash is
 * stored, so it could not be read back otherwise).
 */
export function accessTokenFor(secret: string, orderId: string): string {
  return createHmac("sha256", secret).update(`order-access:${orderId}`).digest("base64url");
}

export function hashAccessToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether this caller may see the order: its signed-in owner, or anyone holding its access token. */
export function mayAccess(
  order: { userId: string | null; accessTokenHash: string },
  user: AuthUser | null,
  accessToken: string | undefined,
): boolean {
  if (user && order.userId === user.id) return true;
  if (!accessToken) return false;
  const presented = Buffer.from(hashAccessToken(accessToken), "hex");
  const stored = Buffer.from(order.accessTokenHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** The order if this caller may see it: its signed-in owner or a holder of its access token. */
export async function ownOrder(
  deps: OrdersDeps,
  user: AuthUser | null,
  orderId: string,
  accessToken: string | undefined,
): Promise<OrderViewRow> {
  const row = await orderViewById(deps.db, orderId);
  // A stranger learns nothing, not even that the order exists.
  if (!row || !mayAccess(row, user, accessToken)) throw new OrderNotFoundError(orderId);
  return row;
}

import {
  type EventOf,
  type HandlerContext,
  type OrderCancelledEvent,
  type OrderPaidEvent,
  processOnce,
} from "@mercato/events";
import { and, eq } from "drizzle-orm";
import { codeByName, takeCodeUse } from "../db/queries.ts";
import { codeRedemptions } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";
import { normalizeCode } from "../domain/discount-code.ts";
import { releaseCodeOf } from "./checkout.ts";

/**
 * A paid order used a discount code: its use, reserved at checkout (`reserveCodeForOrder`), is
 * kept. An order without a held use (placed before uses were reserved, or whose use was released)
 * takes one now: the redemption row is unique per (code, order), so an order counts once however
 * often it is announced, and the count is raised by a guarded UPDATE, so it never passes the limit
 * (a paid order over the limit is recorded as not counted: the money is taken, the code simply
 * stops applying).
 */
export async function countCodeUse(
  deps: CartDeps,
  event: EventOf<typeof OrderPaidEvent>,
  log: HandlerContext["log"],
): Promise<void> {
  if (!event.data.discountCode) return;
  const code = normalizeCode(event.data.discountCode);
  await processOnce(deps.db, "cart", event, async (tx) => {
    if (!(await codeByName(tx, code))) {
      log.warn({ code, orderId: event.data.orderId }, "paid order names an unknown discount code");
      return;
    }
    const now = new Date();
    const thisOrder = and(eq(codeRedemptions.code, code), eq(codeRedemptions.orderId, event.data.orderId));
    const [held] = await tx.select().from(codeRedemptions).where(thisOrder);
    if (held?.status === "paid") return;
    if (held?.status === "reserved") {
      await tx.update(codeRedemptions).set({ status: "paid", redeemedAt: now }).where(thisOrder);
      return;
    }
    const counted = await takeCodeUse(tx, code, now);
    if (!counted) {
      log.warn({ code, orderId: event.data.orderId }, "discount code was already used up when the order was paid");
    }
    const row = {
      code,
      orderId: event.data.orderId,
      status: "paid" as const,
      userId: event.data.userId,
      email: event.data.email.toLowerCase(),
      counted,
      redeemedAt: now,
    };
    await tx
      .insert(codeRedemptions)
      .values(row)
      .onConflictDoUpdate({ target: [codeRedemptions.code, codeRedemptions.orderId], set: row });
  });
}

/** An order was cancelled (by the shopper, an admin, or because it lapsed unpaid): its code use goes back. */
export async function releaseCodeUse(deps: CartDeps, event: EventOf<typeof OrderCancelledEvent>): Promise<void> {
  await processOnce(deps.db, "cart", event, (tx) => releaseCodeOf(tx, event.data.orderId));
}

import { type EventOf, type HandlerContext, type OrderPaidEvent, processOnce } from "@mercato/events";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { codeByName } from "../db/queries.ts";
import { codeRedemptions, discountCodes } from "../db/schema.ts";
import type { CartDeps } from "../deps.ts";
import { normalizeCode } from "../domain/discount-code.ts";

/**
 * A paid order used a discount code: count the use. The redemption row is unique per (code,
 * order), so an order counts once however often it is announced; the count is raised by a guarded
 * UPDATE, so it never passes the limit whatever the concurrency (a paid order over the limit is
 * recorded as not counted: the money is taken, the code simply stops applying).
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
    const fresh = await tx
      .insert(codeRedemptions)
      .values({
        code,
        orderId: event.data.orderId,
        userId: event.data.userId,
        email: event.data.email.toLowerCase(),
        counted: true,
        redeemedAt: now,
      })
      .onConflictDoNothing()
      .returning({ code: codeRedemptions.code });
    if (fresh.length === 0) return;
    const counted = await tx
      .update(discountCodes)
      .set({ used: sql`${discountCodes.used} + 1`, updatedAt: now })
      .where(
        and(
          eq(discountCodes.code, code),
          or(isNull(discountCodes.usageLimit), lt(discountCodes.used, discountCodes.usageLimit)),
        ),
      )
      .returning({ used: discountCodes.used });
    if (counted.length === 0) {
      log.warn({ code, orderId: event.data.orderId }, "discount code was already used up when the order was paid");
      await tx
        .update(codeRedemptions)
        .set({ counted: false })
        .where(and(eq(codeRedemptions.code, code), eq(codeRedemptions.orderId, event.data.orderId)));
    }
  });
}

/**
 * identity.user.deleted.v1 in orders: the user's orders, and the guest orders placed with their
 * email, keep their financial record and lose who placed them (domain/erasure.ts). Event
 * sourcing with erasure: the personal fields are rewritten IN the stored events (order_events),
 * the read model is re-projected from the rewritten events, and the outbox rows (sent or not)
 * are rewritten the same way; the checkout keys forget the email and client address.
 * See docs/ARCHITECTURE.md "Deleting an account".
 */
import { type EventOf, outbox, processOnce, type UserDeleted } from "@mercato/events";
import { eq, inArray, like, or, sql } from "drizzle-orm";
import { checkoutKeys, orderEvents, orderViews } from "../db/schema.ts";
import type { OrdersDeps } from "../deps.ts";
import { ERASED_EMAIL, eraseTraces } from "../domain/erasure.ts";
import { parseOrderEvent } from "../domain/events.ts";
import { fold } from "../domain/order.ts";
import { projectOrder } from "../projections/project.ts";

const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function forgetUser(deps: OrdersDeps, event: EventOf<typeof UserDeleted>): Promise<void> {
  const { userId } = event.data;
  const email = event.data.email.toLowerCase();
  await processOnce(deps.db, deps.name, event, async (tx) => {
    const orders = await tx
      .select({ id: orderViews.id, email: orderViews.email })
      .from(orderViews)
      .where(or(eq(orderViews.userId, userId), eq(orderViews.email, email)));
    // An order may have been placed with another address than the account's (changed since).
    const emails = [email, ...orders.map((o) => o.email)].filter((e) => e !== ERASED_EMAIL);
    const who = { userId, emails };
    const ids = orders.map((o) => o.id);
    if (ids.length > 0) {
      const rows = await tx.select().from(orderEvents).where(inArray(orderEvents.orderId, ids));
      for (const row of rows) {
        let data = eraseTraces(row.data, who) as Record<string, unknown>;
        if (row.type === "OrderPlaced") data = { ...data, userId: null, email: ERASED_EMAIL };
        await tx.update(orderEvents).set({ data }).where(eq(orderEvents.seq, row.seq));
      }
      for (const id of ids) {
        const history = await tx.select().from(orderEvents).where(eq(orderEvents.orderId, id));
        history.sort((a, b) => a.version - b.version);
        const state = fold(history.map(parseOrderEvent));
        if (state) await projectOrder(tx, state);
      }
      await tx
        .update(checkoutKeys)
        .set({ scope: sql`'erased:' || ${checkoutKeys.orderId}`, email: null, clientAddress: null })
        .where(inArray(checkoutKeys.orderId, ids));
    }
    await tx
      .update(checkoutKeys)
      .set({ scope: sql`'erased:' || ${checkoutKeys.orderId}`, email: null, clientAddress: null })
      .where(
        or(
          eq(checkoutKeys.email, email),
          eq(checkoutKeys.scope, `user:${userId}`),
          eq(checkoutKeys.scope, `email:${email}`),
        ),
      );
    const mentions = [...new Set(emails)].map((e) => sql`lower(${outbox.payload}) LIKE ${containing(e)} ESCAPE '\\'`);
    const pending = await tx
      .select({ seq: outbox.seq, payload: outbox.payload })
      .from(outbox)
      .where(or(like(outbox.payload, containing(`"${userId}"`)), ...mentions));
    for (const row of pending) {
      const payload = JSON.stringify(eraseTraces(JSON.parse(row.payload), who));
      await tx.update(outbox).set({ payload }).where(eq(outbox.seq, row.seq));
    }
    return ids.length;
  });
}

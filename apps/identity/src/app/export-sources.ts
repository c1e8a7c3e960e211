/**
 * What other services hold about a user, for the data export: orders (`orders.internal.exportFor`)
 * and the mailbox (`notifications.internal.messagesFor`).
 * - orders: a typed client (identity depends on `@mercato/orders`; orders does not depend on identity).
 * - notifications: its package depends on identity's, so its router type cannot be imported here
 *   (turbo refuses a package cycle). The answer is `unknown` and parsed with `exportedMessage`
 *   from identity's contract, which notifications' own output schema must satisfy (a compile-time
 *   check in notifications' contract): no `any` on either side of the boundary.
 */
import { createServiceClient, queryService } from "@mercato/kit";
import type { OrdersRouter } from "@mercato/orders";
import type { OrderView } from "@mercato/orders/contract";
import { z } from "zod";
import { type ExportedMessage, exportedMessage } from "../contract.ts";
import type { IdentityDeps } from "../deps.ts";

type Deps = Pick<IdentityDeps, "env" | "serviceToken" | "log">;
type Who = { userId: string; email: string };

export function ordersFor(deps: Deps, who: Who): Promise<OrderView[]> {
  const orders = createServiceClient<OrdersRouter>("orders", deps.env.ORDERS_URL, deps.serviceToken);
  return orders.orders.internal.exportFor.query(who);
}

const messagesAnswer = z.array(exportedMessage);

/** Null when notifications cannot answer (down, or an answer not of the shared shape): the export says so. */
export async function messagesFor(deps: Deps, who: Who): Promise<ExportedMessage[] | null> {
  try {
    const answer = await queryService(
      "notifications",
      deps.env.NOTIFICATIONS_URL,
      deps.serviceToken,
      "notifications.internal.messagesFor",
      who,
    );
    const parsed = messagesAnswer.safeParse(answer);
    if (parsed.success) return parsed.data;
    deps.log.warn(
      { issues: parsed.error.issues.slice(0, 3) },
      "the export has no messages: notifications answered another shape",
    );
    return null;
  } catch (err) {
    deps.log.warn({ err: String(err) }, "the export has no messages: notifications did not answer");
    return null;
  }
}

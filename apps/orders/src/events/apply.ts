import type { Envelope, HandlerContext } from "@mercato/events";
import { type Committed, execute } from "../app/commit.ts";
import { OrderNotFoundError } from "../app/errors.ts";
import type { OrdersDeps } from "../deps.ts";
import { OrderTransitionError } from "../domain/errors.ts";
import type { NewOrderEvent } from "../domain/events.ts";
import type { OrderState } from "../domain/order.ts";

/**
 * Applies a consumed event to its order once (inbox in the same transaction). An event the order's
 * state no longer allows (a late expiry on a paid order, a duplicate) is a normal part of a saga:
 * it is logged and acknowledged, not retried.
 */
export async function applyToOrder(
  deps: OrdersDeps,
  event: Envelope,
  ctx: HandlerContext,
  orderId: string,
  decide: (state: OrderState) => NewOrderEvent[],
  loaded?: OrderState,
): Promise<Committed | null> {
  try {
    return await execute(deps, orderId, decide, { cause: event, loaded });
  } catch (err) {
    if (err instanceof OrderTransitionError || err instanceof OrderNotFoundError) {
      ctx.log.info({ orderId, reason: err.message }, `${event.type} does not apply to the order; skipped`);
      return null;
    }
    throw err;
  }
}

import type { CancelLinesInput, DeliverInput, OrderView, ShipInput } from "../contract.ts";
import type { OrdersDeps } from "../deps.ts";
import { cancelLines, deliver, planCancelLines, ship } from "../domain/decide.ts";
import { OrderRuleError } from "../domain/errors.ts";
import { refundFor } from "../domain/refunds.ts";
import { auditCommand } from "./audit-commands.ts";
import { execute } from "./commit.ts";
import { current } from "./order-commands.ts";
import { orderDetail } from "./order-detail.ts";
import { refundMoney } from "./refund-money.ts";
import { assertDeliversOwnShipment, assertShipsOwnLines, sellerScope, sellerView } from "./seller-orders.ts";

/**
 * Fulfilment: an admin ships some units (or all left, or an exchange's replacements), marks each
 * shipment delivered, and cancels units that have not shipped (refunding exactly those).
 */

/** A new shipment of `input.lines` (absent: every unit left), or of an exchange's replacements. */
export async function shipOrder(deps: OrdersDeps, input: ShipInput): Promise<OrderView> {
  const { orderId } = input;
  // A seller ships its own lines only, and names them (#20).
  const seller = sellerScope();
  if (seller) {
    assertShipsOwnLines(
      await orderDetail(deps, orderId),
      seller,
      input.lines?.map((l) => l.sku),
    );
  }
  const audit = await auditCommand(deps, "orders.admin.ship", orderId, input);
  const shipmentId = `shp_${Bun.randomUUIDv7()}`;
  await execute(deps, orderId, (state) =>
    ship(state, {
      shipmentId,
      lines: input.lines,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      trackingUrl: input.trackingUrl ?? null,
      exchangeReturnId: input.exchangeReturnId,
    }),
  );
  const after = await audit.done(await orderDetail(deps, orderId));
  // A seller is answered with what it may see of the order.
  return seller ? sellerView(after, seller) : after;
}

/**
 * One shipment arrived (now, or when the carrier says for a delivery recorded late): its units
 * may be returned for RETURN_WINDOW_DAYS from then.
 */
export async function deliverShipment(deps: OrdersDeps, input: DeliverInput): Promise<OrderView> {
  const now = Date.now();
  const at = input.deliveredAt ? input.deliveredAt.getTime() : now;
  if (at > now + 60_000) throw new OrderRuleError("deliveredAt", "is in the future");
  const returnableUntil = new Date(at + deps.env.RETURN_WINDOW_DAYS * 86_400_000).toISOString();
  const deliveredAt = input.deliveredAt ? new Date(at).toISOString() : null;
  // A seller delivers only shipments of its own lines, and is answered with its own view (#20).
  const seller = sellerScope();
  if (seller) assertDeliversOwnShipment(await orderDetail(deps, input.orderId), seller, input.shipmentId);
  const audit = await auditCommand(deps, "orders.admin.deliver", input.orderId, input);
  await execute(deps, input.orderId, (state) =>
    deliver(state, { shipmentId: input.shipmentId, returnableUntil, deliveredAt }),
  );
  const after = await audit.done(await orderDetail(deps, input.orderId));
  return seller ? sellerView(after, seller) : after;
}

/**
 * Cancels units not shipped yet. A paid order gets exactly their money back (their share of the
 * discount and tax; shipping only when nothing of the order shipped and nothing is left), through
 * payments with an idempotency key naming the units; orders.lines.cancelled tells inventory to
 * release or restock them.
 */
export async function cancelOrderLines(deps: OrdersDeps, input: CancelLinesInput): Promise<OrderView> {
  const { orderId, lines, reason } = input;
  const audit = await auditCommand(deps, "orders.admin.cancelLines", orderId, input);
  const state = await current(deps, orderId);
  // A retry of a cancel already applied: nothing changes, the same view is answered.
  if (input.idempotencyKey && state.cancelKeys.includes(input.idempotencyKey)) {
    return audit.done(await orderDetail(deps, orderId));
  }
  planCancelLines(state, lines);
  const breakdown = refundFor(state, lines, {
    shipping: "unshipped",
    policy: { refundsShipping: false, restockingFeeBps: 0 },
  });
  const amount = state.paidAmount > 0 ? breakdown.total : 0;
  // The client's key (one per attempt) or, without one, the order's version and the units: a
  // retried click refunds once.
  const key = input.idempotencyKey
    ? `cancel-lines:${orderId}:${input.idempotencyKey}`
    : `cancel-lines:${orderId}:${state.version}:${lines.map((l) => `${l.sku}x${l.quantity}`).join(",")}`;
  const refunds = amount > 0 ? await refundMoney(deps, state, { amount, reason, key }) : [];
  await execute(deps, orderId, (s) =>
    cancelLines(s, { lines, reason, refundAmount: amount, refunds, idempotencyKey: input.idempotencyKey }),
  );
  return audit.done(await orderDetail(deps, orderId));
}

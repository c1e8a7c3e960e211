/**
 * The staff audit log for order commands (#20). An order's change is an append to its event store
 * (with optimistic retries and a payments call before it), so the record is written right after
 * the command succeeded, in its own write: before = the order as it was, after = the order as it
 * is now and the staff member's input. A refused command records nothing.
 */
import { currentUser } from "@mercato/kit";
import { recordAudit } from "@mercato/kit/audit";
import type { OrderView } from "../contract.ts";
import type { OrdersDeps } from "../deps.ts";
import { orderDetail } from "./order-detail.ts";

/** What of an order an audit entry keeps: its state and its money, not the whole view. */
export function orderSnapshot(view: OrderView | null) {
  if (!view) return null;
  return {
    status: view.status,
    version: view.version,
    currency: view.totals.currency,
    total: view.totals.total,
    paidAmount: view.paidAmount,
    refundedTotal: view.refundedTotal,
    refunds: view.refunds.map((r) => ({ refundId: r.refundId, amount: r.amount })),
    shipments: view.shipments.map((s) => ({ id: s.id, lines: s.lines, deliveredAt: s.deliveredAt })),
    cancellation: view.cancellation,
    returns: view.returns.map((r) => ({ id: r.id, status: r.status, refund: r.refund?.amount ?? null })),
  };
}

export interface AuditedCommand {
  /** Records the command's outcome and answers it. */
  done(after: OrderView): Promise<OrderView>;
}

/** Call before an admin command: reads the order as it is, if a staff member is acting. */
export async function auditCommand(
  deps: OrdersDeps,
  action: string,
  orderId: string,
  input: unknown,
): Promise<AuditedCommand> {
  if (!currentUser()) return { done: async (after) => after };
  const before = orderSnapshot(await orderDetail(deps, orderId).catch(() => null));
  return {
    async done(after) {
      await deps.db.write((tx) =>
        recordAudit(tx, { action, targetId: orderId, before, after: { ...orderSnapshot(after), input } }),
      );
      return after;
    },
  };
}

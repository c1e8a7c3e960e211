/**
 * After-sales on some of a run's paid orders, so the books check covers them (issue #19): the
 * admin cancels the (unshipped) line of every third, and ships and delivers the others, whose
 * shoppers return the unit (as guests, with their access token), alternately undamaged and
 * damaged; the admin approves and receives each return, which issues its refund. Afterwards the
 * books must still balance: restocks from cancelled lines and undamaged returns in the ledger,
 * their refunds in the money.
 */
import type { Platform } from "./platform.ts";
import { type Attempt, retrying } from "./shopper.ts";

export interface AfterSalesReport {
  cancelledLines: number;
  returned: number;
  damaged: number;
  /** Orders where a step was refused or failed (named in `errors`). */
  failed: number;
  errors: string[];
}

export async function exerciseAfterSales(
  p: Platform,
  attempts: readonly Attempt[],
  opts: { orders: number; retryMs: number },
): Promise<AfterSalesReport> {
  const report: AfterSalesReport = { cancelledLines: 0, returned: 0, damaged: 0, failed: 0, errors: [] };
  const paid = attempts.filter((a) => a.outcome === "paid" && a.orderId && a.accessToken).slice(0, opts.orders);
  const admin = p.admin.orders.orders.admin;
  const retry = <T>(fn: () => Promise<T>) => retrying(fn, opts.retryMs);
  for (const [i, a] of paid.entries()) {
    const orderId = a.orderId!;
    const line = [{ sku: a.sku, quantity: 1 }];
    try {
      if (i % 3 === 0) {
        await retry(() =>
          admin.cancelLines.mutate({ orderId, lines: line, reason: "bench: out of stock at the warehouse" }),
        );
        report.cancelledLines++;
        continue;
      }
      const shipped = await retry(() =>
        admin.ship.mutate({ orderId, carrier: "DHL", trackingNumber: `BENCH-${i}`, trackingUrl: null }),
      );
      for (const s of shipped.shipments) {
        if (!s.deliveredAt) await retry(() => admin.deliver.mutate({ orderId, shipmentId: s.id }));
      }
      const shopper = p.orderHolder(orderId, a.accessToken!);
      const requested = await retry(() =>
        shopper.orders.requestReturn.mutate({
          orderId,
          lines: [{ sku: a.sku, quantity: 1, reason: i % 2 === 0 ? "damaged" : "changed_mind" }],
        }),
      );
      const ret = requested.returns.at(-1);
      if (!ret) throw new Error("the return request answered no return");
      await retry(() => admin.returns.approve.mutate({ orderId, returnId: ret.id, note: "" }));
      const damaged = i % 2 === 0 ? 1 : 0;
      await retry(() =>
        admin.returns.receive.mutate({ orderId, returnId: ret.id, lines: [{ sku: a.sku, received: 1, damaged }] }),
      );
      report.returned++;
      report.damaged += damaged;
    } catch (err) {
      report.failed++;
      if (report.errors.length < 5)
        report.errors.push(`${orderId}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return report;
}

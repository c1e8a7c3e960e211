/**
 * The books at the end of every run: stock never oversold and the inventory ledger equal to the
 * stock levels, no order lost or duplicated, every order the run made in a final state, and every
 * paid order backed by exactly one succeeded checkout payment (and no cancelled order charged).
 * Issue #19: an order may hold more payments (an exchange's price difference) and may give units
 * back (cancelled lines, received returns), so per SKU the stock is before − units sold +
 * units restocked from cancelled lines and undamaged returns − exchange units shipped, and per
 * currency the money taken − refunded at payments (every payment of the run's orders) equals the
 * orders' paid − refunded (their refunds from cancelled lines and returns included).
 */
import type { Platform } from "./platform.ts";
import { type Attempt, FINAL_STATUSES, SHOPPER_DOMAIN } from "./shopper.ts";

export interface StockBefore {
  sku: string;
  onHand: number;
  reserved: number;
}

export interface BooksReport {
  /** Orders the run made (found in the orders books by their shopper addresses). */
  orders: number;
  paid: number;
  cancelled: number;
  /** Answered checkouts whose order is not in the books. */
  lost: number;
  /** Attempts (one email each) with more than one order. */
  duplicated: number;
  /** Orders not in a final state after the wait. */
  stuck: number;
  /** Orders whose checkout never answered but which exist (the answer was lost, not the order). */
  unansweredButPlaced: number;
  oversoldUnits: number;
  /** Tracked SKUs whose on-hand ≠ before − units paid, or whose reservations did not return to before. */
  skusOff: number;
  negativeStock: number;
  ledgerBalanced: boolean;
  /** Paid orders without exactly one succeeded checkout payment. */
  paidWithoutOnePayment: number;
  /** Orders with refunds, returns or more than one payment (their detail was read). */
  withAfterSales: number;
  /** Units back on hand from cancelled lines and undamaged returns of the run's orders. */
  restockedUnits: number;
  /** Minor units refunded at payments for the run's orders (all currencies: a count, not money). */
  refundedTotal: number;
  /** Cancelled orders with a succeeded (not refunded) payment. */
  chargedButCancelled: number;
  /**
   * Per currency, the paid orders' paid − refunded minus their payments' taken − refunded (minor
   * units), summed as absolute values: a gap in one currency is never offset by another currency's.
   */
  moneyGap: number;
  /** The gap of each currency the run's paid orders are in (0 when balanced). */
  moneyGapByCurrency: Record<string, number>;
  violations: string[];
}

interface OrderRow {
  id: string;
  status: string;
  paymentStatus: string;
  fulfilmentStatus: string;
  email: string;
  currency: string;
  total: number;
}

/** Money was taken for the order (payment status other than AWAITING). */
const moneyTaken = (o: OrderRow) => o.paymentStatus !== "AWAITING";

/**
 * What an order gave back or sent beyond its own lines, from its detail (read only for orders
 * that may have any: refunded or returned ones, or with more than one payment).
 */
interface AfterSales {
  paidAmount: number;
  refundedTotal: number;
  /** Units per SKU back on hand: cancelled lines of a paid order, undamaged units of received returns. */
  restocked: Map<string, number>;
  /** Units per SKU of exchanges' replacements shipped (they leave the stock). */
  exchangeShipped: Map<string, number>;
  /** Units per SKU cancelled (no longer sold). */
  cancelled: Map<string, number>;
}

const add = (m: Map<string, number>, sku: string, n: number) => m.set(sku, (m.get(sku) ?? 0) + n);

async function afterSalesOf(p: Platform, orderId: string): Promise<AfterSales> {
  const { order } = await p.admin.orders.orders.admin.byId.query({ orderId });
  const out: AfterSales = {
    paidAmount: order.paidAmount,
    refundedTotal: order.refundedTotal,
    restocked: new Map(),
    exchangeShipped: new Map(),
    cancelled: new Map(),
  };
  const wasPaid = order.paidAmount > 0;
  for (const c of order.cancelledLines) {
    for (const l of c.lines) {
      add(out.cancelled, l.sku, l.quantity);
      if (wasPaid) add(out.restocked, l.sku, l.quantity);
    }
  }
  for (const r of order.returns) {
    for (const l of r.lines) {
      if (l.received !== null) add(out.restocked, l.sku, l.received - (l.damaged ?? 0));
    }
  }
  for (const s of order.shipments) {
    if (s.exchangeReturnId) for (const l of s.lines) add(out.exchangeShipped, l.sku, l.quantity);
  }
  return out;
}

async function runOrders(p: Platform): Promise<OrderRow[]> {
  const rows: OrderRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await p.admin.orders.orders.admin.list.query({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const o of page.items) if (o.email.endsWith(`@${SHOPPER_DOMAIN}`)) rows.push(o);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

async function allPayments(p: Platform) {
  const rows: { orderId: string; status: string; amount: number; refundedTotal: number; purpose: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await p.admin.payments.payments.admin.list.query({ limit: 100, ...(cursor ? { cursor } : {}) });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

/** On-hand and reserved of `skus` now, for the check at the end. */
export async function stockOf(p: Platform, skus: readonly string[]): Promise<StockBefore[]> {
  const totals = await p.internal.inventory.inventory.internal.totals.query();
  return skus.map((sku) => {
    const row = totals.skus.find((s) => s.sku === sku);
    if (!row) throw new Error(`inventory has no stock row for ${sku}`);
    return { sku, onHand: row.onHand, reserved: row.reserved };
  });
}

/**
 * Checks everything once every order of the run is final and the other services have caught up
 * (inventory commits a paid order's stock when it hears `orders.paid.v1`, a moment after the order
 * is PAID): re-checks until nothing is off or `waitMs` has passed, then reports what is left.
 */
export async function checkBooks(
  p: Platform,
  run: { attempts: readonly Attempt[]; before: readonly StockBefore[]; waitMs: number },
): Promise<BooksReport> {
  const deadline = Date.now() + run.waitMs;
  for (;;) {
    const report = await evaluate(p, run);
    if (report.violations.length === 0 || Date.now() > deadline) return report;
    await Bun.sleep(500);
  }
}

async function evaluate(
  p: Platform,
  run: { attempts: readonly Attempt[]; before: readonly StockBefore[]; waitMs: number },
): Promise<BooksReport> {
  const orders = await runOrders(p);
  const [payments, totals] = await Promise.all([
    allPayments(p),
    p.internal.inventory.inventory.internal.totals.query(),
  ]);

  const byId = new Map(orders.map((o) => [o.id, o]));
  const byEmail = new Map<string, OrderRow[]>();
  for (const o of orders) byEmail.set(o.email, [...(byEmail.get(o.email) ?? []), o]);
  const attemptByEmail = new Map(run.attempts.map((a) => [a.email, a]));

  const lost = run.attempts.filter((a) => a.orderId && !byId.has(a.orderId)).length;
  const duplicated = [...byEmail.values()].filter((list) => list.length > 1).length;
  const stuck = orders.filter((o) => !FINAL_STATUSES.has(o.status)).length;
  const unansweredButPlaced = run.attempts.filter((a) => a.unanswered && byEmail.has(a.email)).length;

  // Money at payments, per order: every payment the provider took (checkout and exchanges).
  const paymentsByOrder = new Map<string, typeof payments>();
  for (const pay of payments) paymentsByOrder.set(pay.orderId, [...(paymentsByOrder.get(pay.orderId) ?? []), pay]);
  const TAKEN = new Set(["succeeded", "partially_refunded", "refunded"]);
  const taken = (orderId: string) => (paymentsByOrder.get(orderId) ?? []).filter((x) => TAKEN.has(x.status));

  // Orders that may have given something back or taken more: read their detail.
  const details = new Map<string, AfterSales>();
  for (const o of orders) {
    const mayHave =
      o.paymentStatus === "PARTIALLY_REFUNDED" ||
      o.paymentStatus === "REFUNDED" ||
      o.fulfilmentStatus.includes("RETURNED") ||
      taken(o.id).length > 1;
    if (mayHave) details.set(o.id, await afterSalesOf(p, o.id));
  }

  // Units sold per SKU: each attempt's order holds one unit of its SKU; a paid order cancelled
  // (whole, or every line of it) was restocked: nothing sold; cancelled lines and undamaged
  // returns came back; exchanges' replacements left too.
  const soldUnits = new Map<string, number>();
  const backUnits = new Map<string, number>();
  for (const o of orders) {
    const a = attemptByEmail.get(o.email);
    if (!a || !moneyTaken(o)) continue;
    const d = details.get(o.id);
    if (o.status === "CANCELLED") continue;
    add(soldUnits, a.sku, 1);
    for (const [sku, n] of d?.restocked ?? []) add(backUnits, sku, n);
    for (const [sku, n] of d?.exchangeShipped ?? []) add(soldUnits, sku, n);
  }
  let oversoldUnits = 0;
  let skusOff = 0;
  for (const b of run.before) {
    const sold = soldUnits.get(b.sku) ?? 0;
    const back = backUnits.get(b.sku) ?? 0;
    oversoldUnits += Math.max(0, sold - back - (b.onHand - b.reserved));
    const now = totals.skus.find((s) => s.sku === b.sku);
    if (!now || now.onHand !== b.onHand - sold + back || now.reserved !== b.reserved) skusOff++;
  }
  const negativeStock = totals.skus.filter((s) => s.onHand < 0 || s.reserved < 0 || s.reserved > s.onHand).length;

  let paidWithoutOnePayment = 0;
  const moneyGapByCurrency: Record<string, number> = {};
  let refundedTotal = 0;
  for (const o of orders.filter(moneyTaken)) {
    const charged = taken(o.id);
    if (charged.filter((x) => x.purpose === "order").length !== 1) paidWithoutOnePayment++;
    const d = details.get(o.id);
    // The order's side: paid − refunded (its detail when it has after-sales, else its total).
    const ordersNet = d ? d.paidAmount - d.refundedTotal : o.total;
    const paymentsNet = charged.reduce((sum, x) => sum + x.amount - x.refundedTotal, 0);
    refundedTotal += charged.reduce((sum, x) => sum + x.refundedTotal, 0);
    moneyGapByCurrency[o.currency] = (moneyGapByCurrency[o.currency] ?? 0) + ordersNet - paymentsNet;
  }
  const moneyGap = Object.values(moneyGapByCurrency).reduce((n, gap) => n + Math.abs(gap), 0);
  // A cancelled order may have been charged, but then all of it went back.
  const chargedButCancelled = orders.filter(
    (o) => o.status === "CANCELLED" && taken(o.id).some((x) => x.amount > x.refundedTotal),
  ).length;

  const report: BooksReport = {
    orders: orders.length,
    paid: orders.filter((o) => moneyTaken(o) && o.status !== "CANCELLED").length,
    withAfterSales: details.size,
    restockedUnits: [...backUnits.values()].reduce((a, b) => a + b, 0),
    refundedTotal,
    cancelled: orders.filter((o) => o.status === "CANCELLED").length,
    lost,
    duplicated,
    stuck,
    unansweredButPlaced,
    oversoldUnits,
    skusOff,
    negativeStock,
    ledgerBalanced: totals.balanced,
    paidWithoutOnePayment,
    chargedButCancelled,
    moneyGap,
    moneyGapByCurrency,
    violations: [],
  };
  const v = report.violations;
  if (lost) v.push(`${lost} answered orders missing from the orders books`);
  if (duplicated) v.push(`${duplicated} checkouts produced more than one order`);
  if (stuck) {
    const ids = orders.filter((o) => !FINAL_STATUSES.has(o.status)).map((o) => `${o.id} (${o.status})`);
    v.push(`${stuck} orders not final after ${run.waitMs} ms: ${ids.slice(0, 5).join(", ")}`);
  }
  if (oversoldUnits) v.push(`${oversoldUnits} units oversold`);
  if (skusOff) v.push(`${skusOff} SKUs whose stock is not what the paid orders say`);
  if (negativeStock) v.push(`${negativeStock} SKUs with negative or over-reserved stock`);
  if (!report.ledgerBalanced) v.push("inventory ledger does not equal the stock levels");
  if (paidWithoutOnePayment) v.push(`${paidWithoutOnePayment} paid orders without exactly one checkout payment`);
  if (chargedButCancelled) v.push(`${chargedButCancelled} cancelled orders with money kept`);
  for (const [currency, gap] of Object.entries(moneyGapByCurrency)) {
    if (gap)
      v.push(`orders' paid − refunded and payments' taken − refunded differ by ${gap} minor units in ${currency}`);
  }
  return report;
}

export function booksTable(b: BooksReport): string {
  return [
    "| orders | paid | cancelled | stuck | lost | duplicated | oversold units | SKUs off | ledger = stock | paid ⇔ 1 payment | refunded / returned orders | units restocked | money gap |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|",
    `| ${b.orders} | ${b.paid} | ${b.cancelled} | ${b.stuck} | ${b.lost} | ${b.duplicated} | ${b.oversoldUnits} | ${b.skusOff} | ${b.ledgerBalanced ? "yes" : "NO"} | ${b.paidWithoutOnePayment === 0 ? "yes" : `NO (${b.paidWithoutOnePayment})`} | ${b.withAfterSales} | ${b.restockedUnits} | ${b.moneyGap} |`,
  ].join("\n");
}

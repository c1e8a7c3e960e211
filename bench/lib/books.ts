/**
 * The books at the end of every run: stock never oversold and the inventory ledger equal to the
 * stock levels, no order lost or duplicated, every order the run made in a final state, and every
 * PAID order backed by exactly one succeeded payment (and no cancelled order charged).
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
  /** PAID orders without exactly one succeeded payment. */
  paidWithoutOnePayment: number;
  /** Cancelled orders with a succeeded (not refunded) payment. */
  chargedButCancelled: number;
  /**
   * Per currency, the paid orders' totals minus their succeeded payments (minor units), summed as
   * absolute values: a gap in one currency is never offset by another currency's.
   */
  moneyGap: number;
  /** The gap of each currency the run's paid orders are in (0 when balanced). */
  moneyGapByCurrency: Record<string, number>;
  violations: string[];
}

interface OrderRow {
  id: string;
  status: string;
  email: string;
  currency: string;
  total: number;
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
  const rows: { orderId: string; status: string; amount: number }[] = [];
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

  // Units sold per SKU: each attempt's order holds one unit of its SKU.
  // Paid and not cancelled (#19: the order status; the payment status says refunds apart).
  const paidStatuses = new Set(["PLACED", "COMPLETED"]);
  const soldUnits = new Map<string, number>();
  for (const o of orders) {
    const a = attemptByEmail.get(o.email);
    if (a && paidStatuses.has(o.status)) soldUnits.set(a.sku, (soldUnits.get(a.sku) ?? 0) + 1);
  }
  let oversoldUnits = 0;
  let skusOff = 0;
  for (const b of run.before) {
    const sold = soldUnits.get(b.sku) ?? 0;
    oversoldUnits += Math.max(0, sold - (b.onHand - b.reserved));
    const now = totals.skus.find((s) => s.sku === b.sku);
    if (!now || now.onHand !== b.onHand - sold || now.reserved !== b.reserved) skusOff++;
  }
  const negativeStock = totals.skus.filter((s) => s.onHand < 0 || s.reserved < 0 || s.reserved > s.onHand).length;

  const paymentsByOrder = new Map<string, { status: string; amount: number }[]>();
  for (const pay of payments) paymentsByOrder.set(pay.orderId, [...(paymentsByOrder.get(pay.orderId) ?? []), pay]);
  const charged = (orderId: string) =>
    (paymentsByOrder.get(orderId) ?? []).filter((x) => x.status === "succeeded" || x.status === "partially_refunded");
  let paidWithoutOnePayment = 0;
  const moneyGapByCurrency: Record<string, number> = {};
  for (const o of orders.filter((o) => paidStatuses.has(o.status))) {
    const succeeded = charged(o.id);
    if (succeeded.length !== 1) paidWithoutOnePayment++;
    const gap = o.total - succeeded.reduce((sum, x) => sum + x.amount, 0);
    moneyGapByCurrency[o.currency] = (moneyGapByCurrency[o.currency] ?? 0) + gap;
  }
  const moneyGap = Object.values(moneyGapByCurrency).reduce((n, gap) => n + Math.abs(gap), 0);
  const chargedButCancelled = orders.filter((o) => o.status === "CANCELLED" && charged(o.id).length > 0).length;

  const report: BooksReport = {
    orders: orders.length,
    paid: orders.filter((o) => paidStatuses.has(o.status)).length,
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
  if (paidWithoutOnePayment) v.push(`${paidWithoutOnePayment} paid orders without exactly one succeeded payment`);
  if (chargedButCancelled) v.push(`${chargedButCancelled} cancelled orders with a succeeded payment`);
  for (const [currency, gap] of Object.entries(moneyGapByCurrency)) {
    if (gap) v.push(`paid order totals and succeeded payments differ by ${gap} minor units in ${currency}`);
  }
  return report;
}

export function booksTable(b: BooksReport): string {
  return [
    "| orders | paid | cancelled | stuck | lost | duplicated | oversold units | SKUs off | ledger = stock | paid ⇔ 1 payment | money gap |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|",
    `| ${b.orders} | ${b.paid} | ${b.cancelled} | ${b.stuck} | ${b.lost} | ${b.duplicated} | ${b.oversoldUnits} | ${b.skusOff} | ${b.ledgerBalanced ? "yes" : "NO"} | ${b.paidWithoutOnePayment === 0 ? "yes" : `NO (${b.paidWithoutOnePayment})`} | ${b.moneyGap} |`,
  ].join("\n");
}

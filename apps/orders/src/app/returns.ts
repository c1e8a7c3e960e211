import { afterCursor, decodeCursor, keysetPage } from "@mercato/db";
import type { AuthUser } from "@mercato/kit";
import { and, desc, eq, or, type SQL, sql } from "drizzle-orm";
import {
  type ApproveReturnInput,
  formatReturnNumber,
  type OrderView,
  type ReceiveReturnInput,
  type RejectReturnInput,
  type RequestReturnInput,
  type ReturnPage,
  type ReturnsListInput,
} from "../contract.ts";
import { orderReturns } from "../db/schema.ts";
import type { OrdersDeps } from "../deps.ts";
import {
  approveReturn,
  planReceive,
  receiveReturn,
  rejectReturn,
  requestReturn,
  settleReturn,
} from "../domain/decide.ts";
import { OrderNotFoundError, OrderRuleError } from "../domain/errors.ts";
import type { OrderState } from "../domain/order.ts";
import { exchangeDifference, type RefundPolicy, refundFor } from "../domain/refunds.ts";
import { ownOrder } from "./access.ts";
import { auditCommand } from "./audit-commands.ts";
import { execute } from "./commit.ts";
import { current } from "./order-commands.ts";
import { orderDetail } from "./order-detail.ts";
import { refundMoney } from "./refund-money.ts";
import { assertOwnReturn, sellerReturnsWhere, sellerScope } from "./seller-orders.ts";
import { upstream } from "./upstream.ts";

/**
 * Returns (RMA) and exchanges: a shopper asks delivered units back within the return window;
 * staff approve (with instructions) or reject with a note; staff record what arrived, and the
 * refund worked out by the domain goes back through payments once (key `return:<returnId>`).
 */

/**
 * A seller (#20) handles returns of its own lines only: another's order is a 404 as in its detail,
 * a return holding another seller's line a 403 naming `returnId`. Staff of the shop pass.
 */
async function ownReturnOnly(deps: OrdersDeps, orderId: string, returnId: string): Promise<void> {
  const seller = sellerScope();
  if (!seller) return;
  const view = await orderDetail(deps, orderId);
  if (!view.lines.some((l) => l.sellerId === seller)) throw new OrderNotFoundError(orderId);
  assertOwnReturn(view, seller, returnId);
}

function policyOf(deps: OrdersDeps): RefundPolicy {
  return { refundsShipping: deps.env.RETURN_REFUNDS_SHIPPING, restockingFeeBps: deps.env.RETURN_RESTOCKING_FEE_BPS };
}

/**
 * The replacement's price for each exchange line: another variant of the same product, active,
 * sold in the order's currency (catalog.products.bySkus); anything else is a 400 naming the line.
 */
async function exchangePrices(
  deps: OrdersDeps,
  state: OrderState,
  lines: RequestReturnInput["lines"],
): Promise<Map<number, number>> {
  const wanted = lines.flatMap((l, i) => (l.exchangeForSku ? [{ i, line: l, sku: l.exchangeForSku }] : []));
  const prices = new Map<number, number>();
  if (wanted.length === 0) return prices;
  const found = await upstream(
    "catalog",
    deps.clients.catalog.catalog.products.bySkus.query({ skus: [...new Set(wanted.map((w) => w.sku))] }),
  );
  const currency = state.placed.totals.currency;
  for (const { i, line, sku } of wanted) {
    const field = `lines.${i}.exchangeForSku`;
    const variant = found.find((v) => v.sku === sku);
    const original = state.placed.lines.find((l) => l.sku === line.sku);
    if (variant?.status !== "active") throw new OrderRuleError(field, `${sku} is not sold`);
    if (!original || variant.productId !== original.productId) {
      throw new OrderRuleError(field, `${sku} is not a variant of the same product as ${line.sku}`);
    }
    const price = variant.prices.find((p) => p.currency === currency);
    if (!price) throw new OrderRuleError(field, `${sku} is not sold in ${currency}`);
    prices.set(i, price.amount);
  }
  return prices;
}

/** A shopper (signed-in owner, or a guest with the access token) asks delivered units back. */
export async function requestOrderReturn(
  deps: OrdersDeps,
  user: AuthUser | null,
  input: RequestReturnInput,
): Promise<OrderView> {
  await ownOrder(deps, user, input.orderId, input.accessToken);
  const state = await current(deps, input.orderId);
  const prices = await exchangePrices(deps, state, input.lines);
  const returnId = `ret_${Bun.randomUUIDv7()}`;
  const lines = input.lines.map((l, i) => ({
    sku: l.sku,
    quantity: l.quantity,
    reason: l.reason,
    exchangeForSku: l.exchangeForSku ?? null,
    exchangeUnitPrice: prices.get(i) ?? null,
  }));
  await execute(deps, input.orderId, (s) =>
    requestReturn(s, {
      returnId,
      number: formatReturnNumber(s.placed.number, s.returns.length + 1),
      now: new Date(),
      lines,
    }),
  );
  return orderDetail(deps, input.orderId);
}

/**
 * Staff approve: the shopper is told what to do with the parcel. An exchange's price difference
 * is worked out now; when the replacement costs more, a second payment is asked for it.
 */
export async function approveOrderReturn(deps: OrdersDeps, input: ApproveReturnInput): Promise<OrderView> {
  await ownReturnOnly(deps, input.orderId, input.returnId);
  const audit = await auditCommand(deps, "orders.admin.returns.approve", input.orderId, input);
  const state = await current(deps, input.orderId);
  const ret = state.returns.find((r) => r.id === input.returnId);
  if (!ret) throw new OrderRuleError("returnId", `no return ${input.returnId} on this order`);
  const prices = state.exchangePrices[ret.id] ?? {};
  const exchanged = ret.lines
    .filter((l) => l.exchangeForSku !== null)
    .map((l) => ({ sku: l.sku, quantity: l.quantity, exchangeUnitPrice: prices[l.sku] ?? 0 }));
  let exchange: { difference: number; paymentId: string | null; clientSecret: string | null } | null = null;
  if (exchanged.length > 0) {
    const difference = exchangeDifference(state, exchanged);
    exchange = { difference, paymentId: null, clientSecret: null };
    if (difference > 0 && ret.status === "REQUESTED") {
      const intent = await upstream(
        "payments",
        deps.clients.payments.payments.internal.createIntent.mutate({
          orderId: input.orderId,
          userId: state.placed.userId,
          email: state.placed.email,
          amount: difference,
          currency: state.placed.totals.currency,
          purpose: "exchange",
          reference: ret.id,
        }),
      );
      exchange = { difference, paymentId: intent.paymentId, clientSecret: intent.clientSecret ?? null };
    }
  }
  await execute(deps, input.orderId, (s) =>
    approveReturn(s, {
      returnId: input.returnId,
      note: input.note ?? "",
      instructions: deps.env.RETURN_INSTRUCTIONS,
      exchange,
    }),
  );
  return audit.done(await orderDetail(deps, input.orderId));
}

export async function rejectOrderReturn(deps: OrdersDeps, input: RejectReturnInput): Promise<OrderView> {
  await ownReturnOnly(deps, input.orderId, input.returnId);
  const audit = await auditCommand(deps, "orders.admin.returns.reject", input.orderId, input);
  await execute(deps, input.orderId, (s) => rejectReturn(s, { returnId: input.returnId, note: input.note }));
  return audit.done(await orderDetail(deps, input.orderId));
}

/**
 * Staff record what arrived (per line, received and damaged). The refund is worked out exactly
 * by the domain for the units received (exchanged units: only a difference in the shopper's
 * favour), recorded with the receipt, then issued through payments with the key
 * `return:<returnId>` (a retry refunds once) and the return settled.
 */
export async function receiveOrderReturn(deps: OrdersDeps, input: ReceiveReturnInput): Promise<OrderView> {
  const { orderId, returnId } = input;
  await ownReturnOnly(deps, orderId, returnId);
  const audit = await auditCommand(deps, "orders.admin.returns.receive", orderId, input);
  const state = await current(deps, orderId);
  const ret = state.returns.find((r) => r.id === returnId);
  if (!ret) throw new OrderRuleError("returnId", `no return ${returnId} on this order`);
  // Received already (a retry): only the settlement may be left to do.
  if (ret.status !== "RECEIVED" && ret.status !== "REFUNDED" && ret.status !== "CLOSED") {
    planReceive(state, input);
    const prices = state.exchangePrices[returnId] ?? {};
    const units = ret.lines
      .map((l) => ({
        sku: l.sku,
        quantity: input.lines.find((x) => x.sku === l.sku)?.received ?? 0,
        exchangeUnitPrice: l.exchangeForSku ? (prices[l.sku] ?? 0) : null,
      }))
      .filter((u) => u.quantity > 0);
    const breakdown = refundFor(state, units, { shipping: "policy", policy: policyOf(deps) });
    await execute(deps, orderId, (s) => receiveReturn(s, { returnId, lines: input.lines, breakdown }));
  }
  return audit.done(await settleOrderReturn(deps, orderId, returnId));
}

/** Issues a received return's refund (once) and settles it; a settled return is left as it is. */
export async function settleOrderReturn(deps: OrdersDeps, orderId: string, returnId: string): Promise<OrderView> {
  const state = await current(deps, orderId);
  const ret = state.returns.find((r) => r.id === returnId);
  if (!ret) throw new OrderRuleError("returnId", `no return ${returnId} on this order`);
  if (ret.status === "REFUNDED" || ret.status === "CLOSED") return orderDetail(deps, orderId);
  const amount = Math.min(ret.refund?.amount ?? 0, Math.max(0, state.paidAmount - state.refundedTotal));
  const reason = `return ${ret.number}`;
  const refunds = amount > 0 ? await refundMoney(deps, state, { amount, reason, key: `return:${returnId}` }) : [];
  const refunded = refunds.reduce((n, r) => n + r.amount, 0);
  if (refunded !== amount) {
    throw new Error(`payments did not settle the refund of return ${ret.number} (${refunded} of ${amount})`);
  }
  await execute(deps, orderId, (s) => settleReturn(s, { returnId, reason, refunds }));
  return orderDetail(deps, orderId);
}

/** LIKE with the user's text taken literally. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The returns queue: newest request first, by status and text in the return or order number or email. */
export async function returnsQueue(deps: OrdersDeps, input: ReturnsListInput): Promise<ReturnPage> {
  const where: (SQL | undefined)[] = [];
  // A seller's queue: the returns of its own lines (#20).
  const seller = sellerScope();
  if (seller) where.push(sellerReturnsWhere(seller, orderReturns.id, orderReturns.orderId));
  if (input.status) where.push(eq(orderReturns.status, input.status));
  if (input.q) {
    const pattern = containing(input.q.trim());
    where.push(
      or(
        sql`lower(${orderReturns.number}) like ${pattern} escape '\\'`,
        sql`lower(${orderReturns.orderNumber}) like ${pattern} escape '\\'`,
        sql`${orderReturns.email} like ${pattern} escape '\\'`,
      ),
    );
  }
  if (input.cursor) {
    const key = decodeCursor(input.cursor, ["number", "string"]);
    where.push(afterCursor(orderReturns.requestedAt, orderReturns.id, key, "desc"));
  }
  const rows = await deps.db.orm
    .select()
    .from(orderReturns)
    .where(and(...where))
    .orderBy(desc(orderReturns.requestedAt), desc(orderReturns.id))
    .limit(input.limit + 1);
  const { items, nextCursor } = keysetPage(rows, input.limit, (last) => [last.requestedAt, last.id]);
  return {
    items: items.map((r) => ({
      orderId: r.orderId,
      orderNumber: r.orderNumber,
      returnId: r.id,
      number: r.number,
      status: r.status,
      email: r.email,
      itemCount: r.itemCount,
      exchange: r.exchange,
      requestedAt: new Date(r.requestedAt).toISOString(),
      updatedAt: new Date(r.updatedAt).toISOString(),
    })),
    nextCursor,
  };
}

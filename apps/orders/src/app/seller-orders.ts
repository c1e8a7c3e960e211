/**
 * Sellers (#20, marketplace-lite): each order line records its product's seller at checkout
 * (`sellerId`, from catalog.products.bySkus). A seller (a token with `sellerId`) sees in the admin
 * list and detail only the orders holding one of its lines, and in them only its lines: other
 * sellers' lines, the payment, refunds and the shop's totals beyond its lines are left out. It
 * ships only its own lines. Admins see everything. The acting user is the request's.
 */
import { afterCursor, decodeCursor, keysetPage } from "@mercato/db";
import { currentUser } from "@mercato/kit";
import { forbidden } from "@mercato/kit/errors";
import { type AnyColumn, and, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type { AdminListInput, AdminOrderDetail, OrderFeedItem, OrderLine, OrderPage, OrderView } from "../contract.ts";
import { orderViewById } from "../db/queries.ts";
import { orderViews } from "../db/schema.ts";
import type { OrdersDeps } from "../deps.ts";
import { orderSummary } from "../projections/order-view.ts";

/** The seller the request acts for, or null for the shop's staff and for no user at all. */
export function sellerScope(): string | null {
  return currentUser()?.sellerId ?? null;
}

const ownLines = (lines: readonly OrderLine[], seller: string) => lines.filter((l) => l.sellerId === seller);
const linesTotal = (lines: readonly OrderLine[]) => lines.reduce((n, l) => n + l.unitPrice * l.quantity, 0);

/** The order as one seller may see it: its lines only, and money of those lines only. */
export function sellerView(view: OrderView, seller: string): OrderView {
  const lines = ownLines(view.lines, seller);
  const mine = new Set(lines.map((l) => l.sku));
  const only = <T extends { sku: string }>(list: readonly T[]) => list.filter((l) => mine.has(l.sku));
  const subtotal = linesTotal(lines);
  return {
    ...view,
    lines,
    totals: {
      ...view.totals,
      subtotal,
      discount: 0,
      shipping: 0,
      tax: 0,
      total: subtotal,
      taxLines: [],
    },
    shippingMethod: view.shippingMethod ? { ...view.shippingMethod, amount: 0, tax: 0 } : null,
    discountCode: null,
    payment: null,
    paidAmount: 0,
    refundedTotal: 0,
    refunds: [],
    shipments: view.shipments.map((s) => ({ ...s, lines: only(s.lines) })).filter((s) => s.lines.length > 0),
    cancelledLines: view.cancelledLines
      .map((c) => ({ ...c, lines: only(c.lines), refundAmount: 0 }))
      .filter((c) => c.lines.length > 0),
    returns: view.returns.map((r) => ({ ...r, lines: only(r.lines) })).filter((r) => r.lines.length > 0),
  };
}

/** The condition on `order_views` that keeps the orders holding a line of `seller`. */
export function holdsSellerLines(seller: string): SQL {
  return sql`exists (select 1 from json_each(${orderViews.detail}, '$.lines') where json_extract(value, '$.sellerId') = ${seller})`;
}

/** Orders holding a line of `seller`, newest first (the admin list's filters, its paging). */
export async function sellerOrderList(deps: OrdersDeps, seller: string, input: AdminListInput): Promise<OrderPage> {
  const where: (SQL | undefined)[] = [holdsSellerLines(seller)];
  if (input.status) where.push(eq(orderViews.status, input.status));
  if (input.paymentStatus) where.push(eq(orderViews.paymentStatus, input.paymentStatus));
  if (input.fulfilmentStatus) where.push(eq(orderViews.fulfilmentStatus, input.fulfilmentStatus));
  if (input.from) where.push(gte(orderViews.placedAt, input.from.getTime()));
  if (input.to) where.push(lte(orderViews.placedAt, input.to.getTime()));
  if (input.customer) where.push(eq(orderViews.email, input.customer.trim().toLowerCase()));
  if (input.q) where.push(sql`instr(lower(${orderViews.number}), ${input.q.trim().toLowerCase()}) > 0`);
  if (input.cursor) {
    const key = decodeCursor(input.cursor, ["number", "string"]);
    where.push(afterCursor(orderViews.placedAt, orderViews.id, key, "desc"));
  }
  const rows = await deps.db.orm
    .select()
    .from(orderViews)
    .where(and(...where))
    .orderBy(desc(orderViews.placedAt), desc(orderViews.id))
    .limit(input.limit + 1);
  const { items, nextCursor } = keysetPage(rows, input.limit, (last) => [last.placedAt, last.id]);
  return {
    nextCursor,
    items: items.map((row) => {
      const lines = ownLines(row.detail.lines, seller);
      return { ...orderSummary(row), total: linesTotal(lines), itemCount: lines.reduce((n, l) => n + l.quantity, 0) };
    }),
  };
}

/** What the detail's history shows a seller: which step and when, not the shop's whole order. */
export function sellerDetail(detail: AdminOrderDetail, seller: string): AdminOrderDetail {
  return {
    order: sellerView(detail.order, seller),
    timeline: detail.timeline.map((e) => ({ ...e, data: {} })),
  };
}

/** A seller sees an order only when one of its lines is in it (else 404, as for an unknown order). */
export function sellerHasLines(view: OrderView, seller: string): boolean {
  return view.lines.some((l) => l.sellerId === seller);
}

/**
 * Refuses a seller shipping lines it does not sell (403 naming `lines`): the given SKUs, or every
 * line of the order when the shipment names none.
 */
export function assertShipsOwnLines(view: OrderView, seller: string | null, skus?: readonly string[]): void {
  if (!seller) return;
  const shipped = skus ? view.lines.filter((l) => skus.includes(l.sku)) : view.lines;
  const foreign = shipped.find((l) => l.sellerId !== seller);
  if (foreign || shipped.length === 0) {
    throw forbidden("lines", `${foreign ? `line ${foreign.sku}` : "no line"} of this order is not yours to ship`);
  }
}

const sellerOf = (view: OrderView, sku: string) => view.lines.find((l) => l.sku === sku)?.sellerId ?? null;

/**
 * Refuses a seller marking delivered a shipment holding a line it does not sell (403 naming
 * `shipmentId`). An unknown shipment is left to the domain's own error.
 */
export function assertDeliversOwnShipment(view: OrderView, seller: string | null, shipmentId: string): void {
  if (!seller) return;
  const shipment = view.shipments.find((s) => s.id === shipmentId);
  if (!shipment) return;
  const foreign = shipment.lines.find((l) => sellerOf(view, l.sku) !== seller);
  if (foreign) throw forbidden("shipmentId", `shipment ${shipmentId} holds line ${foreign.sku}, not yours`);
}

/**
 * Refuses a seller approving, rejecting or receiving a return holding a line it does not sell (403
 * naming `returnId`). An unknown return is left to the use case's own error.
 */
export function assertOwnReturn(view: OrderView, seller: string | null, returnId: string): void {
  if (!seller) return;
  const ret = view.returns.find((r) => r.id === returnId);
  if (!ret) return;
  const foreign = ret.lines.find((l) => sellerOf(view, l.sku) !== seller);
  if (foreign) throw forbidden("returnId", `return ${ret.number} holds line ${foreign.sku}, not yours`);
}

/**
 * The returns queue's condition for a seller: returns holding at least one of its lines (the order
 * view's JSON: the return's lines' SKUs among the seller's lines of that order).
 */
export function sellerReturnsWhere(seller: string, returnId: AnyColumn, orderId: AnyColumn): SQL {
  return sql`exists (
    select 1 from ${orderViews} v, json_each(v.detail, '$.returns') r, json_each(r.value, '$.lines') rl,
      json_each(v.detail, '$.lines') ol
    where v.id = ${orderId} and json_extract(r.value, '$.id') = ${returnId}
      and json_extract(ol.value, '$.sku') = json_extract(rl.value, '$.sku')
      and json_extract(ol.value, '$.sellerId') = ${seller})`;
}

/**
 * The live feed for a seller: changes of orders holding one of its lines only, with the total of
 * its lines (the order's read model, projected in the change's own transaction). Null: not the seller's.
 */
export async function sellerFeedItem(
  deps: OrdersDeps,
  change: OrderFeedItem,
  seller: string,
): Promise<OrderFeedItem | null> {
  const view = (await orderViewById(deps.db, change.orderId))?.detail;
  if (!view || !sellerHasLines(view, seller)) return null;
  return { ...change, total: linesTotal(ownLines(view.lines, seller)) };
}

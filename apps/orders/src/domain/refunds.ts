import type { RefundBreakdown } from "../contract.ts";
import type { OrderState } from "./order.ts";

/**
 * What goes back for some units of an order, exactly to the minor unit. The order's discount and
 * its goods tax are shared out over its units by value, cumulatively: the units refunded before
 * (cancelled or returned) take their share first, these take theirs of what is left, so when the
 * last unit goes back the shares add up to the order's discount and tax exactly (no cent lost or
 * invented to rounding). Tax is shared by value over the goods' tax (exact for one rate; with
 * several rates in one order each line's share is by value, not by its own rate).
 */

export interface RefundPolicy {
  /** Whether a return refunds the order's shipping once all of its units are back. */
  refundsShipping: boolean;
  /** A fee kept on returned (non-exchange) units' value, in basis points (0–10000). */
  restockingFeeBps: number;
}

/** round(amount × part / whole), half away from zero, in integers. */
function share(amount: number, part: number, whole: number): number {
  if (whole === 0) return 0;
  return Math.round((amount * part) / whole);
}

/** This allocation's part of `amount`, after `prior` of `whole` took theirs. */
function allocate(amount: number, prior: number, now: number, whole: number): number {
  return share(amount, prior + now, whole) - share(amount, prior, whole);
}

function unitPriceOf(state: OrderState, sku: string): number {
  return state.placed.lines.find((l) => l.sku === sku)?.unitPrice ?? 0;
}

/** The value (unit price × quantity) of the units already refunded or exchanged on this order. */
export function valueAlreadyRefunded(state: OrderState): number {
  let v = 0;
  for (const c of state.cancelledLines) for (const l of c.lines) v += unitPriceOf(state, l.sku) * l.quantity;
  for (const r of state.returns) {
    if (r.status !== "RECEIVED" && r.status !== "REFUNDED" && r.status !== "CLOSED") continue;
    for (const l of r.lines) v += unitPriceOf(state, l.sku) * (l.received ?? 0);
  }
  return v;
}

/** Units of the order not refunded, cancelled or exchanged once these are. */
function unitsLeftAfter(state: OrderState, nowUnits: number): number {
  const ordered = state.placed.lines.reduce((n, l) => n + l.quantity, 0);
  let gone = nowUnits;
  for (const c of state.cancelledLines) for (const l of c.lines) gone += l.quantity;
  for (const r of state.returns) {
    if (r.status !== "RECEIVED" && r.status !== "REFUNDED" && r.status !== "CLOSED") continue;
    for (const l of r.lines) gone += l.received ?? 0;
  }
  return ordered - gone;
}

export interface RefundUnits {
  sku: string;
  quantity: number;
  /** Set for an exchange: the replacement's unit price (its value is not refunded, the difference is). */
  exchangeUnitPrice?: number | null;
}

/**
 * The breakdown for `units` going back now. `shipping`: "policy" refunds shipping (with its tax
 * where added on top) when these are the order's last units and the policy says so; "unshipped"
 * (cancelled lines) refunds it when nothing of the order ever shipped and these are its last units.
 */
export function refundFor(
  state: OrderState,
  units: readonly RefundUnits[],
  opts: { shipping: "policy" | "unshipped"; policy: RefundPolicy },
): RefundBreakdown {
  const t = state.placed.totals;
  const shippingTax = state.placed.shippingMethod?.tax ?? 0;
  const goodsTax = t.tax - shippingTax;
  const prior = valueAlreadyRefunded(state);
  const value = units.reduce((n, u) => n + unitPriceOf(state, u.sku) * u.quantity, 0);
  const discount = allocate(t.discount, prior, value, t.subtotal);
  const tax = allocate(goodsTax, prior, value, t.subtotal);
  const refundedLines = units.map((u) => ({
    sku: u.sku,
    quantity: u.quantity,
    amount: unitPriceOf(state, u.sku) * u.quantity,
    exchange: u.exchangeUnitPrice !== undefined && u.exchangeUnitPrice !== null,
    exchangeUnitPrice: u.exchangeUnitPrice ?? 0,
  }));
  // What these units were paid, net of their discount, with their tax where it was added on top.
  const paidForUnits = value - discount + (t.taxInclusive ? 0 : tax);
  // Exchanged units: their paid value buys the replacements; the difference goes back (or is charged apart).
  const exchangedValue = refundedLines.filter((l) => l.exchange).reduce((n, l) => n + l.amount, 0);
  const exchangedPaid = share(paidForUnits, exchangedValue, value);
  const replacements = refundedLines
    .filter((l) => l.exchange)
    .reduce((n, l) => n + exchangeCost(state, l.exchangeUnitPrice * l.quantity), 0);
  const exchangeDifference = exchangedValue > 0 ? exchangedPaid - replacements : 0;
  const returnedPaid = paidForUnits - exchangedPaid;
  const restockingFee = opts.shipping === "policy" ? share(returnedPaid, opts.policy.restockingFeeBps, 10_000) : 0;
  const last =
    unitsLeftAfter(
      state,
      units.reduce((n, u) => n + u.quantity, 0),
    ) === 0;
  const shippingDue =
    last &&
    (opts.shipping === "policy"
      ? opts.policy.refundsShipping
      : state.shipments.filter((s) => s.exchangeReturnId === null).length === 0);
  const shipping = shippingDue ? t.shipping + (t.taxInclusive ? 0 : shippingTax) : 0;
  const total = Math.max(0, returnedPaid - restockingFee + shipping + Math.max(0, exchangeDifference));
  return {
    lines: refundedLines.map((l) => ({ sku: l.sku, quantity: l.quantity, amount: l.amount })),
    subtotal: value,
    discount,
    tax,
    taxInclusive: t.taxInclusive,
    shipping,
    restockingFee,
    exchangeDifference,
    total,
  };
}

/**
 * What replacements cost on the order's basis: their price, with the order's goods tax rate
 * added where tax comes on top (the rate the order paid on its goods, net of discount).
 */
export function exchangeCost(state: OrderState, price: number): number {
  const t = state.placed.totals;
  if (t.taxInclusive) return price;
  const goodsTax = t.tax - (state.placed.shippingMethod?.tax ?? 0);
  return price + share(goodsTax, price, t.subtotal - t.discount);
}

/**
 * An exchange's price difference when it is approved: > 0 the shopper pays it, < 0 it comes back
 * with the return. The replaced units' paid value against the replacements' cost.
 */
export function exchangeDifference(
  state: OrderState,
  lines: readonly { sku: string; quantity: number; exchangeUnitPrice: number }[],
): number {
  const b = refundFor(state, lines, { shipping: "unshipped", policy: { refundsShipping: false, restockingFeeBps: 0 } });
  return -b.exchangeDifference;
}

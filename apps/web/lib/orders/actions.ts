/**
 * What an order's screens may offer, as the orders contract's rules say (`adminActions`,
 * `shopperActions`, `lineProgress`): which units are left to ship or to cancel, which shipment
 * may be marked delivered, what a return allows next, which delivered units a shopper may send
 * back. The web only turns the contract's answers into rows for its forms; the service stays the
 * judge (a refused command still shows its message).
 */
import {
  type AdminActions,
  adminActions,
  lineProgress as contractLineProgress,
  type LineQuantity,
  type OrderReturn,
  type OrderView,
  type Shipment,
  type ShopperActions,
  shopperActions,
} from "@mercato/orders/contract";
import type { QuantityRow } from "./lines.ts";

export type { OrderReturn, Shipment };
export type ReturnLine = OrderReturn["lines"][number];

/** The title of a SKU on the order (an exchange's new SKU may not be one of its lines). */
export function titleOf(order: Pick<OrderView, "lines">, sku: string): string {
  return order.lines.find((l) => l.sku === sku)?.title ?? sku;
}

function rows(order: Pick<OrderView, "lines">, lines: readonly LineQuantity[]): QuantityRow[] {
  return lines.map((l) => ({ sku: l.sku, title: titleOf(order, l.sku), max: l.quantity }));
}

/** The admin's commands the order accepts now (the contract's rules). */
export function adminOrderActions(order: OrderView): AdminActions {
  return adminActions(order);
}

/** The shopper's commands the order accepts now (the contract's rules). */
export function shopperOrderActions(order: OrderView, now: Date = new Date()): ShopperActions {
  return shopperActions(order, now);
}

/** The units left to ship, one row per SKU. */
export function shipRows(order: OrderView): QuantityRow[] {
  return rows(order, adminActions(order).shippable);
}

/** The unshipped units that may be cancelled, one row per SKU. */
export function cancelRows(order: OrderView): QuantityRow[] {
  return rows(order, adminActions(order).cancellable);
}

/** Whether this shipment may be marked delivered now. */
export function canDeliver(order: OrderView, shipment: Pick<Shipment, "id">): boolean {
  return adminActions(order).deliver.includes(shipment.id);
}

export interface ReturnMoves {
  approve: boolean;
  reject: boolean;
  receive: boolean;
  /** Its exchange's replacements can ship (ship with `exchangeReturnId`). */
  shipExchange: boolean;
}

/** What the admin may do with one return now. */
export function returnActions(order: OrderView, ret: Pick<OrderReturn, "id">): ReturnMoves {
  const allowed = adminActions(order);
  const decide = allowed.decideReturn.includes(ret.id);
  return {
    approve: decide,
    reject: decide,
    receive: allowed.receiveReturn.includes(ret.id),
    shipExchange: allowed.shipExchange.includes(ret.id),
  };
}

/** The delivered units a shopper may still ask back at `now`, one row per SKU. */
export function returnableRows(order: OrderView, now: Date): QuantityRow[] {
  return rows(order, shopperActions(order, now).returnable);
}

/** A line's progress in words ("2 shipped · 1 delivered · 1 returned"), or "" when nothing has happened to it. */
export function lineProgress(order: OrderView, sku: string): string {
  const p = contractLineProgress(order).find((x) => x.sku === sku);
  if (!p) return "";
  const parts: string[] = [];
  if (p.cancelled) parts.push(`${p.cancelled} cancelled`);
  if (p.shipped) parts.push(`${p.shipped} shipped`);
  if (p.delivered) parts.push(`${p.delivered} delivered`);
  if (p.claimed) parts.push(`${p.claimed} in returns`);
  if (p.returned) parts.push(`${p.returned} returned`);
  return parts.join(" · ");
}

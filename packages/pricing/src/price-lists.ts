import { z } from "zod";
import type { Currency } from "./money.ts";
import { assertInteger, mulDivHalfEven } from "./rounding.ts";

/** A sale runs in a window; a group list applies to its customer group's members. */
export const PRICE_LIST_KINDS = ["sale", "group"] as const;
export type PriceListKind = (typeof PRICE_LIST_KINDS)[number];

/**
 * A price list as pricing needs it for one variant: its window (start inclusive, end exclusive,
 * either open), the customer group it is for (null = everyone) and what it does to the variant:
 * a fixed price per currency, or a percentage off (basis points, 2500 = 25 %).
 */
export interface ApplicablePriceList {
  id: string;
  name: string;
  startsAt: Date | null;
  endsAt: Date | null;
  groupId: string | null;
  rule: { kind: "fixed"; prices: Partial<Record<Currency, number>> } | { kind: "percent"; offBps: number };
}

export interface EffectivePrice {
  /** What the shopper pays per unit (minor units). */
  amount: number;
  /** The variant's own price in that currency, shown struck through while a list applies. */
  regularAmount: number;
  /** The list that gave `amount`, or null when the regular price is the lowest. */
  priceList: { id: string; name: string } | null;
}

/** Whether `list` is in force at `now` for a shopper of `groupId` (null = no group). */
export function priceListApplies(list: ApplicablePriceList, groupId: string | null, now: Date): boolean {
  const t = now.getTime();
  if (list.startsAt && t < list.startsAt.getTime()) return false;
  if (list.endsAt && t >= list.endsAt.getTime()) return false;
  return list.groupId === null || list.groupId === groupId;
}

/** What `list` makes of a regular price in `currency`, or null when it does not price it. */
export function listAmount(list: ApplicablePriceList, currency: Currency, regular: number): number | null {
  if (list.rule.kind === "fixed") {
    const amount = list.rule.prices[currency];
    return amount === undefined ? null : Math.max(0, amount);
  }
  const off = Math.min(10_000, Math.max(0, list.rule.offBps));
  // Rounded half-even to the minor unit, like every other amount pricing computes.
  return Math.max(0, regular - mulDivHalfEven(regular, off, 10_000));
}

/**
 * The price a shopper pays for a variant in `currency` at `now`: the lowest of its regular price
 * and every list that applies (ties keep the regular price, then the first list given), never
 * below zero. A pure function: cart, checkout and the catalog's pages all call it.
 */
export function effectivePrice(
  regular: number,
  currency: Currency,
  lists: readonly ApplicablePriceList[],
  groupId: string | null,
  now: Date,
): EffectivePrice {
  assertInteger("regular", regular);
  if (regular < 0) throw new RangeError(`regular price must not be negative, got ${regular}`);
  let best: EffectivePrice = { amount: regular, regularAmount: regular, priceList: null };
  for (const list of lists) {
    if (!priceListApplies(list, groupId, now)) continue;
    const amount = listAmount(list, currency, regular);
    if (amount !== null && amount < best.amount) {
      best = { amount, regularAmount: regular, priceList: { id: list.id, name: list.name } };
    }
  }
  return best;
}

/**
 * The first start or end of any of `lists` strictly after `now` (null when none): what a cached
 * answer priced at `now` may live until, since the prices can change at that instant.
 */
export function nextPriceBoundary(lists: readonly Pick<ApplicablePriceList, "startsAt" | "endsAt">[], now: Date) {
  let next: number | null = null;
  for (const list of lists) {
    for (const at of [list.startsAt, list.endsAt]) {
      const t = at?.getTime();
      if (t !== undefined && t > now.getTime() && (next === null || t < next)) next = t;
    }
  }
  return next === null ? null : new Date(next);
}

/** A customer group's id (identity owns groups; price lists name them): `wholesale`, `staff`. */
export const CUSTOMER_GROUP_ID_RULE = { pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, maxLength: 40 } as const;
export const customerGroupIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(CUSTOMER_GROUP_ID_RULE.maxLength)
  .regex(CUSTOMER_GROUP_ID_RULE.pattern, "lower-case letters, digits and single dashes");

import { type DomainError, invalid } from "@mercato/kit/errors";
import { type LineProblem, MAX_LINE_QUANTITY } from "../contract.ts";

/** What the catalog and inventory say about a SKU right now; undefined when the catalog has no such SKU. */
export interface SkuState {
  status: "draft" | "active" | "archived";
  available: number;
}

/**
 * Why a line cannot be bought as it stands, or null. Such lines stay visible but are not priced.
 * `soldInCurrency`: whether the SKU has a price in the cart's currency.
 */
export function lineProblem(quantity: number, state: SkuState | undefined, soldInCurrency = true): LineProblem | null {
  if (state?.status !== "active") return "unavailable";
  if (!soldInCurrency) return "not_sold_in_region";
  if (state.available <= 0) return "out_of_stock";
  if (state.available < quantity) return "insufficient_stock";
  return null;
}

/** Why a line may not be set to `quantity` (a refusal naming `quantity`), or null. */
export function quantityRefusal(quantity: number, available: number): DomainError | null {
  if (quantity > MAX_LINE_QUANTITY) return invalid("quantity", `at most ${MAX_LINE_QUANTITY} per line`);
  if (quantity > available) {
    return invalid("quantity", available <= 0 ? "out of stock" : `only ${available} available`);
  }
  return null;
}

/**
 * The quantity of a line after merging a guest cart into a user cart: the two add up, capped at
 * the per-line maximum and at what is available, but never below what the user already had.
 * A guest line of something now out of stock is kept (flagged on read) rather than silently lost.
 */
export function mergedQuantity(userQuantity: number, guestQuantity: number, available: number): number {
  const wanted = Math.min(userQuantity + guestQuantity, MAX_LINE_QUANTITY);
  const merged = Math.max(userQuantity, Math.min(wanted, Math.max(available, 0)));
  return merged > 0 ? merged : Math.min(guestQuantity, MAX_LINE_QUANTITY);
}

/** A SKU's unit price in `currency` from its price set, or null when it is not sold in that currency. */
export function priceIn(prices: readonly { currency: string; amount: number }[], currency: string): number | null {
  return prices.find((p) => p.currency === currency)?.amount ?? null;
}

import { type DomainError, invalid } from "@mercato/kit/errors";
import { type LineProblem, MAX_LINE_QUANTITY } from "../contract.ts";

/** What the catalog and inventory say about a SKU right now; undefined when the catalog has no such SKU. */
export interface SkuState {
  status: "draft" | "active" | "archived";
  available: number;
}

/** Why a line cannot be bought as it stands, or null. Such lines stay visible but are not priced. */
export function lineProblem(quantity: number, state: SkuState | undefined): LineProblem | null {
  if (state?.status !== "active") return "unavailable";
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

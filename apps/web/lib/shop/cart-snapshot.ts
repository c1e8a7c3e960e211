import type { CartView } from "./types.ts";

/**
 * The cart drawer's last state, kept in this browser's localStorage so it can be shown offline.
 * One snapshot per device: the last shopper seen online (`owner`: a user id or "guest") and region.
 * It holds what the drawer showed (lines, totals), never a token (the cart token stays in its
 * HttpOnly cookie). When the page is online and sees another shopper, the snapshot is replaced, so
 * a sign-out leaves no one else's cart behind.
 */
export const CART_SNAPSHOT_KEY = "mercato:cart-snapshot:v1";

export interface CartSnapshot {
  owner: string;
  regionId: string;
  savedAt: string;
  view: CartView;
}

export function readCartSnapshot(storage: Pick<Storage, "getItem"> | undefined): CartSnapshot | null {
  try {
    const raw = storage?.getItem(CART_SNAPSHOT_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<CartSnapshot> | null;
    if (
      !parsed ||
      typeof parsed.owner !== "string" ||
      typeof parsed.regionId !== "string" ||
      typeof parsed.savedAt !== "string" ||
      !parsed.view ||
      !Array.isArray(parsed.view.lines)
    )
      return null;
    const view = parsed.view as CartView & { updatedAt: unknown };
    // JSON turned the Date into a string.
    const updatedAt = typeof view.updatedAt === "string" ? new Date(view.updatedAt) : null;
    return { ...(parsed as CartSnapshot), view: { ...view, updatedAt } };
  } catch {
    return null;
  }
}

export function writeCartSnapshot(
  storage: Pick<Storage, "setItem" | "removeItem"> | undefined,
  snapshot: CartSnapshot,
): void {
  try {
    // An empty cart needs no offline copy: forget the previous one instead.
    if (snapshot.view.lines.length === 0) storage?.removeItem(CART_SNAPSHOT_KEY);
    else storage?.setItem(CART_SNAPSHOT_KEY, JSON.stringify(snapshot));
  } catch {
    // Storage full or disabled (private mode): the drawer simply has no offline copy.
  }
}

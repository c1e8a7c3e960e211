/**
 * Inventory's contract: what its procedures take and give back, the kinds and statuses they
 * speak of, and the bounds a form needs to ask for the same thing. Pure (zod only), so the web
 * imports it for the admin's stock forms.
 */
import { skuSchema } from "@mercato/events/schemas";
import { z } from "zod";

/** The event catalog's SKU: the same bound wherever a SKU travels. */
export { skuSchema };

/** Largest quantity one adjustment or order line may move: a typo guard, not a business limit. */
export const MAX_QUANTITY = 10_000;

/** The most SKUs one availability read or live feed may ask for. */
export const MAX_SKUS_PER_READ = 100;

/**
 * Why stock moved: each ledger row is one of these. `return`: the undamaged units of a received
 * return back on the shelf; `damaged`: its damaged units, recorded with no change to on-hand
 * (they left with the order and stay gone).
 */
export const MOVEMENT_KINDS = [
  "receive",
  "adjust",
  "reserve",
  "release",
  "expire",
  "commit",
  "restock",
  "return",
  "damaged",
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/**
 * What an admin may do to a SKU's stock: `receive` goods (a positive quantity, ledger kind
 * `receive`), or `correct` a count that differs from the books (a signed delta, ledger kind `adjust`).
 */
export const ADJUSTMENT_KINDS = ["receive", "correct"] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

/** One reservation per order: where it stands in the checkout saga. */
export const RESERVATION_STATUSES = ["active", "rejected", "committed", "released", "expired", "restocked"] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

const count = z.number().int();

// ── Public stock reads ──────────────────────────────────────────────────────────────────────
export const skusInput = z.object({ skus: z.array(skuSchema).min(1).max(MAX_SKUS_PER_READ) });

/** What a shopper may know: how many can be bought now, and whether that is few. */
export const availability = z.object({ sku: z.string(), available: count, lowStock: z.boolean() });
export type Availability = z.infer<typeof availability>;

// ── Admin ───────────────────────────────────────────────────────────────────────────────────
const adjustmentReason = z.string().trim().min(1).max(500);

export const adjustInput = z.discriminatedUnion("kind", [
  /** Goods arrived. */
  z.object({
    sku: skuSchema,
    kind: z.literal("receive"),
    quantity: z.number().int().min(1).max(MAX_QUANTITY),
    reason: adjustmentReason,
  }),
  /** A stock count differs from the books: a signed delta. */
  z.object({
    sku: skuSchema,
    kind: z.literal("correct"),
    quantity: z
      .number()
      .int()
      .min(-MAX_QUANTITY)
      .max(MAX_QUANTITY)
      .refine((q) => q !== 0, "a correction of 0 changes nothing"),
    reason: adjustmentReason,
  }),
]);
export type AdjustInput = z.input<typeof adjustInput>;

export const adjustedStock = z.object({ sku: z.string(), onHand: count, reserved: count, available: count });
export type AdjustedStock = z.infer<typeof adjustedStock>;

/** The highest low-stock threshold a SKU may have: a typo guard, like MAX_QUANTITY. */
export const MAX_LOW_STOCK_THRESHOLD = MAX_QUANTITY;

/** `inventory.admin.setLowStockThreshold` (#22): availability at or below it raises a low-stock alert. */
export const setLowStockThresholdInput = z.object({
  sku: skuSchema,
  threshold: z.number().int().min(0).max(MAX_LOW_STOCK_THRESHOLD),
});
export type SetLowStockThresholdInput = z.infer<typeof setLowStockThresholdInput>;

export const listStockInput = z.object({
  lowOnly: z.boolean().optional(),
  /** Contained in the SKU, case-insensitively. */
  q: z.string().trim().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page (opaque). */
  cursor: z.string().min(1).max(1024).optional(),
});
export type ListStockInput = z.input<typeof listStockInput>;

export const stockLevel = z.object({
  sku: z.string(),
  onHand: count,
  reserved: count,
  available: count,
  lowStockThreshold: count,
  lowStock: z.boolean(),
  updatedAt: z.date(),
});
export type StockLevel = z.infer<typeof stockLevel>;

/** In SKU order. */
export const stockPage = z.object({ items: z.array(stockLevel), nextCursor: z.string().nullable() });

export const ledgerInput = z.object({ sku: skuSchema, limit: z.number().int().min(1).max(500).default(50) });

/** One stock movement, with the levels before and after. */
export const ledgerEntry = z.object({
  id: count,
  sku: z.string(),
  kind: z.enum(MOVEMENT_KINDS),
  deltaOnHand: count,
  deltaReserved: count,
  reason: z.string(),
  /** A user id, or "system" for movements caused by events and workers. */
  actor: z.string(),
  orderId: z.string().nullable(),
  onHandBefore: count,
  onHandAfter: count,
  reservedBefore: count,
  reservedAfter: count,
  createdAt: z.date(),
});
export type LedgerEntry = z.infer<typeof ledgerEntry>;

// ── Internal: other services and the benchmark ──────────────────────────────────────────────
export const reservationForInput = z.object({ orderId: z.string().min(1).max(100) });

export const reservationLine = z.object({ sku: z.string(), quantity: count });
export type ReservationLine = z.infer<typeof reservationLine>;
export const shortage = z.object({ sku: z.string(), requested: count, available: count });
export type Shortage = z.infer<typeof shortage>;

export const reservation = z.object({
  id: z.string(),
  orderId: z.string(),
  status: z.enum(RESERVATION_STATUSES),
  lines: z.array(reservationLine),
  /** What did not fit, for a rejected reservation. */
  shortages: z.array(shortage).nullable(),
  expiresAt: z.date(),
  correlationId: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Reservation = z.infer<typeof reservation>;

/** A SKU's levels beside the sums of its ledger: they must be equal. */
export const skuBooks = z.object({
  sku: z.string(),
  onHand: count,
  reserved: count,
  ledgerOnHand: count,
  ledgerReserved: count,
  balanced: z.boolean(),
});
export type SkuBooks = z.infer<typeof skuBooks>;

export const booksCheck = z.object({ balanced: z.boolean(), skus: z.array(skuBooks) });

// ── Stock set by the catalog's CSV import (#24) ──────────────────────────────────────────────

/** SKUs per `inventory.internal.setStock` call (the import sends one batch's SKUs). */
export const SET_STOCK_MAX_ITEMS = 500;

/** Sets each SKU's on-hand quantity to the given number (set-to, not add: the same call twice changes nothing once). */
export const setStockInput = z.object({
  items: z
    .array(z.object({ sku: skuSchema, onHand: z.number().int().min(0).max(MAX_QUANTITY) }))
    .min(1)
    .max(SET_STOCK_MAX_ITEMS),
  reason: z.string().trim().min(1).max(200).default("import"),
});
export type SetStockInput = z.input<typeof setStockInput>;

export const setStockResult = z.object({
  /** SKUs whose on-hand quantity changed (a ledger row and a stock.changed event each). */
  changed: z.array(z.string()),
  /** SKUs already at the quantity: nothing written. */
  unchanged: z.array(z.string()),
  /** SKUs refused, e.g. a quantity below what is reserved for open orders. */
  refused: z.array(z.object({ sku: z.string(), reason: z.string() })),
});
export type SetStockResult = z.infer<typeof setStockResult>;

// ── CSV export (#24) ────────────────────────────────────────────────────────────────────────
/** The stock CSV's columns, one row per SKU (stock is per SKU: no warehouses are modelled). */
export const STOCK_CSV_COLUMNS = [
  "sku",
  "on_hand",
  "reserved",
  "available",
  "low_stock_threshold",
  "low_stock",
  "updated_at",
] as const;
export type StockCsvColumn = (typeof STOCK_CSV_COLUMNS)[number];
export { EXPORT_PAGE_SIZE, type ExportPage, exportPage, exportPageInput } from "@mercato/events/schemas";

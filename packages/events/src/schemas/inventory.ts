import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { skuSchema } from "./common.ts";

const lines = z.array(z.object({ sku: skuSchema, quantity: z.number().int().positive() }));

export const StockReserved = defineEvent(
  "inventory.reserved",
  1,
  z.object({ orderId: z.string(), reservationId: z.string(), lines, expiresAt: z.string().datetime() }),
);
export const ReservationRejected = defineEvent(
  "inventory.reservation.rejected",
  1,
  z.object({
    orderId: z.string(),
    shortages: z.array(z.object({ sku: skuSchema, requested: z.number().int(), available: z.number().int() })).min(1),
  }),
);
export const StockReleased = defineEvent(
  "inventory.released",
  1,
  z.object({ orderId: z.string(), reservationId: z.string(), reason: z.string() }),
);
export const ReservationExpired = defineEvent(
  "inventory.reservation.expired",
  1,
  z.object({ orderId: z.string(), reservationId: z.string() }),
);
export const StockCommitted = defineEvent(
  "inventory.committed",
  1,
  z.object({ orderId: z.string(), reservationId: z.string(), lines }),
);
export const StockRestocked = defineEvent("inventory.restocked", 1, z.object({ orderId: z.string(), lines }));
export const StockChanged = defineEvent(
  "inventory.stock.changed",
  1,
  z.object({
    sku: skuSchema,
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
    /** The SKU's low-stock threshold at the change (#22), so consumers can compare. Older events: absent. */
    threshold: z.number().int().min(0).optional(),
    /**
     * The change's position in inventory's ledger (#26): larger is newer for the SKU. Two instances
     * sharing a durable consumer may handle one SKU's changes out of order; a consumer that copies
     * the level keeps the one with the largest seq. Older events: absent.
     */
    seq: z.number().int().positive().optional(),
  }),
);
export const StockLow = defineEvent(
  "inventory.stock.low",
  1,
  z.object({ sku: skuSchema, available: z.number().int(), threshold: z.number().int() }),
);

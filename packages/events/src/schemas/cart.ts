import { currencySchema, minorUnitsSchema } from "@mercato/pricing";
import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { skuSchema } from "./common.ts";

/**
 * Units of a SKU went into a cart (#23, for analytics: carts started, what is added). No user id
 * and no token: the cart id is opaque, and nothing here names the shopper.
 */
export const CartItemAdded = defineEvent(
  "cart.item.added",
  1,
  z.object({
    cartId: z.string(),
    sku: skuSchema,
    productId: z.string(),
    /** Units added by this call. */
    quantity: z.number().int().positive(),
    /** The line's quantity afterwards. */
    lineQuantity: z.number().int().positive(),
    unitPrice: minorUnitsSchema,
    currency: currencySchema,
    regionId: z.string().nullable(),
    /** The cart was empty before: a cart started, the analytics funnel's first step (a cart is reused after an order). */
    cartStarted: z.boolean(),
  }),
);

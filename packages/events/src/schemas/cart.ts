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

export const WISHLIST_ALERT_KINDS = ["back_in_stock", "price_drop"] as const;
export const wishlistAlertKindSchema = z.enum(WISHLIST_ALERT_KINDS);

/**
 * A variant on a signed-in shopper's wishlist came back in stock (available went from 0 to more)
 * or its price dropped (#27). One event per wishlist owner per transition; notifications emails
 * it as marketing (only with the shopper's consent). `email` is the address the shopper's token
 * last carried; `price` and `previousPrice` are in `currency` (null for a back-in-stock alert that
 * names no price).
 */
export const WishlistAlert = defineEvent(
  "cart.wishlist.alert",
  1,
  z.object({
    userId: z.string(),
    email: z.string().email(),
    kind: wishlistAlertKindSchema,
    sku: skuSchema,
    productSlug: z.string(),
    title: z.string(),
    available: z.number().int(),
    price: minorUnitsSchema.nullable(),
    previousPrice: minorUnitsSchema.nullable(),
    currency: currencySchema.nullable(),
  }),
);

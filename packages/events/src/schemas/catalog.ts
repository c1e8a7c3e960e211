import { currencySchema, minorUnitsSchema } from "@mercato/pricing";
import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { skuSchema } from "./common.ts";

const productSnapshot = z.object({
  productId: z.string(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(["draft", "active", "archived"]),
  categoryIds: z.array(z.string()),
  /** Who sells it (#20): null = the shop, else the seller's user id. Older events: null. */
  ownerId: z.string().nullable().default(null),
  variants: z.array(z.object({ sku: skuSchema, price: minorUnitsSchema, currency: currencySchema })),
});

export const ProductCreated = defineEvent("catalog.product.created", 1, productSnapshot);
export const ProductUpdated = defineEvent("catalog.product.updated", 1, productSnapshot);
export const ProductArchived = defineEvent("catalog.product.archived", 1, productSnapshot);

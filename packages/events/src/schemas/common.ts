import { currencySchema, minorUnitsSchema } from "@mercato/pricing";
import { z } from "zod";

export const skuSchema = z.string().min(1).max(64);

export const addressSchema = z.object({
  name: z.string().min(1),
  line1: z.string().min(1),
  line2: z.string().optional(),
  city: z.string().min(1),
  postalCode: z.string().min(1),
  country: z.string().length(2),
  phone: z.string().optional(),
});

export const orderLineSchema = z.object({
  sku: skuSchema,
  productId: z.string(),
  title: z.string(),
  quantity: z.number().int().positive(),
  unitPrice: minorUnitsSchema,
});

export const totalsSchema = z.object({
  currency: currencySchema,
  subtotal: minorUnitsSchema,
  discount: minorUnitsSchema,
  shipping: minorUnitsSchema,
  tax: minorUnitsSchema,
  total: minorUnitsSchema,
});

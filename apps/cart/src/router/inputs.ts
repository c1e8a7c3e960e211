import { z } from "zod";
import { MAX_LINE_QUANTITY } from "../domain/cart-lines.ts";

/** A guest's cart token (ignored for signed-in shoppers). */
export const cartTokenSchema = z.string().min(1).max(128);
export const skuSchema = z.string().trim().min(1).max(64);
export const quantitySchema = z.number().int().min(1).max(MAX_LINE_QUANTITY);
export const codeInputSchema = z.string().trim().min(1).max(64);

export const cartRefInput = z.object({ cartToken: cartTokenSchema.optional() });
export const addItemInput = cartRefInput.extend({ sku: skuSchema, quantity: quantitySchema });
export const updateItemInput = addItemInput;
export const removeItemInput = cartRefInput.extend({ sku: skuSchema });
export const applyCodeInput = cartRefInput.extend({ code: codeInputSchema });
export const mergeInput = z.object({ cartToken: cartTokenSchema });

export type CartRefInput = z.input<typeof cartRefInput>;
export type AddItemInput = z.input<typeof addItemInput>;
export type UpdateItemInput = z.input<typeof updateItemInput>;
export type RemoveItemInput = z.input<typeof removeItemInput>;
export type ApplyCodeInput = z.input<typeof applyCodeInput>;
export type MergeInput = z.input<typeof mergeInput>;

import { currencySchema } from "@mercato/pricing";
import { z } from "zod";

const slugSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case letters, digits and single dashes");

export const variantInput = z.object({
  sku: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, dots, dashes and underscores"),
  /** { size: "M", colour: "Blue" } */
  options: z.record(z.string().min(1).max(50), z.string().min(1).max(100)).default({}),
  price: z.number().int().min(0),
  compareAtPrice: z.number().int().min(0).nullable().default(null),
  currency: currencySchema.default("EUR"),
});
export type VariantInput = z.infer<typeof variantInput>;

const imageInput = z.object({ url: z.string().min(1).max(2000), alt: z.string().max(300).default("") });
const title = z.string().trim().min(1).max(200);
const description = z.string().max(10_000);
/** Drafts and active products are made here; archiving has its own procedure. */
const editableStatus = z.enum(["draft", "active"]);
const brand = z.string().trim().min(1).max(100).nullable();
const images = z.array(imageInput).max(20);
const attributes = z.record(z.string().min(1).max(50), z.string().max(500));
const categoryIds = z.array(z.string().min(1)).max(20);
const variantList = z.array(variantInput).min(1).max(100);

export const createProductInput = z.object({
  title,
  /** Optional explicit slug; by default one is made from the title, unique with -2, -3... */
  slug: slugSchema.optional(),
  description: description.default(""),
  status: editableStatus.default("draft"),
  brand: brand.default(null),
  images: images.default([]),
  attributes: attributes.default({}),
  categoryIds: categoryIds.default([]),
  variants: variantList,
});
export type CreateProductInput = z.infer<typeof createProductInput>;

/** Only the fields given change; `variants`, when given, is the product's whole new variant list. */
export const updateProductInput = z.object({
  id: z.string().min(1),
  title: title.optional(),
  description: description.optional(),
  status: editableStatus.optional(),
  brand: brand.optional(),
  images: images.optional(),
  attributes: attributes.optional(),
  categoryIds: categoryIds.optional(),
  variants: variantList.optional(),
});
export type UpdateProductInput = z.infer<typeof updateProductInput>;

export const productIdInput = z.object({ id: z.string().min(1) });

export const createCategoryInput = z.object({
  name: z.string().trim().min(1).max(100),
  slug: slugSchema.optional(),
  parentId: z.string().min(1).nullable().default(null),
  position: z.number().int().min(0).default(0),
});
export const renameCategoryInput = z.object({ id: z.string().min(1), name: z.string().trim().min(1).max(100) });
export const moveCategoryInput = z.object({
  id: z.string().min(1),
  parentId: z.string().min(1).nullable(),
  position: z.number().int().min(0).optional(),
});
export const categoryIdInput = z.object({ id: z.string().min(1) });

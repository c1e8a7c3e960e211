/**
 * Staff's product images (#27): upload (resized and stored, then recorded), list, reorder, edit
 * the alt text, delete. Each change rewrites the product's `images` column through
 * updateProductIn, so it is announced (catalog.product.updated), audited and reindexed like any
 * other product edit.
 */
import { invalid, notFound } from "@mercato/kit/errors";
import { and, asc, eq, max } from "drizzle-orm";
import type { z } from "zod";
import {
  type editImageInput,
  IMAGE_UPLOAD_LIMITS,
  type ProductImageView,
  type reorderImagesInput,
  type uploadImageFields,
} from "../contract-images.ts";
import type { ReadDb } from "../db/queries.ts";
import { productImages, products, variants } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";
import type { CatalogDeps } from "../deps.ts";
import { keysOf } from "../domain/image-media.ts";
import { updateProductIn, type WriteMeta } from "./edit-products.ts";
import { imageView } from "./image-views.ts";
import { processUpload } from "./resize-image.ts";
import { assertOwnsProduct } from "./seller-scope.ts";
import { uploadInUse } from "./stored-uploads.ts";

type ImageDeps = Pick<CatalogDeps, "db" | "relay" | "media">;

export async function listProductImages(db: ReadDb, productId: string): Promise<ProductImageView[]> {
  await assertOwnsProduct(db, productId);
  const rows = await db
    .select()
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.position), asc(productImages.id));
  return rows.map(imageView);
}

/** Stores the file's copies, then records it as the product's (or variant's) last image. */
export async function uploadProductImage(
  deps: ImageDeps,
  input: { productId: string; bytes: Uint8Array; fields: z.infer<typeof uploadImageFields> },
  meta: WriteMeta = {},
): Promise<ProductImageView> {
  const { productId, fields } = input;
  await checkRoomFor(deps.db.orm, productId, fields.sku);
  const image = await processUpload(input.bytes);
  // Objects first: a row never points at missing bytes. A failed insert leaves objects behind
  // under content-addressed keys, which the same upload later writes again.
  for (const o of image.objects) await deps.media.put(o.key, o.bytes, o.contentType);
  const row = await deps.db.write(async (tx) => {
    await checkRoomFor(tx, productId, fields.sku);
    const [last] = await tx
      .select({ position: max(productImages.position) })
      .from(productImages)
      .where(eq(productImages.productId, productId));
    const [inserted] = await tx
      .insert(productImages)
      .values({
        id: Bun.randomUUIDv7(),
        productId,
        sku: fields.sku ?? null,
        position: (last?.position ?? -1) + 1,
        alt: fields.alt,
        hash: image.hash,
        originalType: image.type,
        width: image.width,
        height: image.height,
        createdAt: new Date(),
      })
      .returning();
    await rewriteImagesColumn(tx, productId, meta);
    return inserted;
  });
  deps.relay.kick();
  if (!row) throw new Error("product image insert returned no row");
  return imageView(row);
}

/** Puts the product's images in the given order (every one of its image ids, once). */
export async function reorderProductImages(
  deps: ImageDeps,
  input: z.infer<typeof reorderImagesInput>,
  meta: WriteMeta = {},
): Promise<ProductImageView[]> {
  await deps.db.write(async (tx) => {
    await productOf(tx, input.productId);
    const rows = await tx
      .select({ id: productImages.id })
      .from(productImages)
      .where(eq(productImages.productId, input.productId));
    const known = new Set(rows.map((r) => r.id));
    const given = new Set(input.ids);
    if (given.size !== input.ids.length) throw invalid("ids", "an image is listed twice");
    const missing = rows.find((r) => !given.has(r.id));
    const stranger = input.ids.find((id) => !known.has(id));
    if (stranger) throw invalid("ids", `image "${stranger}" is not one of this product's`);
    if (missing) throw invalid("ids", `image "${missing.id}" is missing from the new order`);
    for (const [position, id] of input.ids.entries()) {
      await tx.update(productImages).set({ position }).where(eq(productImages.id, id));
    }
    await rewriteImagesColumn(tx, input.productId, meta);
  });
  deps.relay.kick();
  return listProductImages(deps.db.orm, input.productId);
}

export async function editProductImage(
  deps: ImageDeps,
  input: z.infer<typeof editImageInput>,
  meta: WriteMeta = {},
): Promise<ProductImageView> {
  const row = await deps.db.write(async (tx) => {
    const current = await imageRow(tx, input.id);
    if (input.sku) await checkVariant(tx, current.productId, input.sku);
    const [updated] = await tx
      .update(productImages)
      .set({ alt: input.alt, ...(input.sku !== undefined ? { sku: input.sku } : {}) })
      .where(eq(productImages.id, input.id))
      .returning();
    await rewriteImagesColumn(tx, current.productId, meta);
    return updated;
  });
  deps.relay.kick();
  if (!row) throw notFound("id", `no image "${input.id}"`);
  return imageView(row);
}

/** Removes the image, then its stored copies unless another image or a review photo was the same upload. */
export async function deleteProductImage(deps: ImageDeps, id: string, meta: WriteMeta = {}): Promise<void> {
  const removed = await deps.db.write(async (tx) => {
    const current = await imageRow(tx, id);
    await tx.delete(productImages).where(eq(productImages.id, id));
    await rewriteImagesColumn(tx, current.productId, meta);
    // A review photo of the same bytes shares the objects: checked in the transaction.
    return { row: current, stillUsed: await uploadInUse(tx, current.hash) };
  });
  deps.relay.kick();
  if (!removed.stillUsed) await deps.media.delete(keysOf(removed.row.hash, removed.row.originalType));
}

/** The product's `images` column again from its uploads (and its typed images), announced. */
async function rewriteImagesColumn(tx: CatalogTx, productId: string, meta: WriteMeta) {
  const [row] = await tx.select({ images: products.images }).from(products).where(eq(products.id, productId));
  await updateProductIn(tx, { id: productId, images: row?.images ?? [] }, meta);
}

async function imageRow(tx: CatalogTx, id: string) {
  const [row] = await tx.select().from(productImages).where(eq(productImages.id, id));
  if (!row) throw notFound("id", `no image "${id}"`);
  await assertOwnsProduct(tx, row.productId);
  return row;
}

async function productOf(db: ReadDb, productId: string) {
  const [row] = await db.select({ images: products.images }).from(products).where(eq(products.id, productId));
  if (!row) throw notFound("productId", `no product "${productId}"`);
  await assertOwnsProduct(db, productId);
  return row;
}

/** Refuses an upload to a product that has no such variant, or no room for another image. */
async function checkRoomFor(db: ReadDb, productId: string, sku: string | undefined) {
  const product = await productOf(db, productId);
  if (product.images.length >= IMAGE_UPLOAD_LIMITS.perProduct) {
    throw invalid("file", `a product has at most ${IMAGE_UPLOAD_LIMITS.perProduct} images`);
  }
  if (sku) await checkVariant(db, productId, sku);
}

/** An image may show only a variant of its own product: else 400 naming `sku`. */
async function checkVariant(db: ReadDb, productId: string, sku: string) {
  const [variant] = await db
    .select({ sku: variants.sku })
    .from(variants)
    .where(and(eq(variants.sku, sku), eq(variants.productId, productId)));
  if (!variant) throw invalid("sku", `the product has no variant "${sku}"`);
}

import { createEvent, enqueue, ProductArchived, ProductCreated, ProductUpdated } from "@mercato/events";
import { recordAudit } from "@mercato/kit/audit";
import { conflict, invalid, notFound } from "@mercato/kit/errors";
import { currencySchema } from "@mercato/pricing";
import { and, eq, inArray, like, ne, or, sql } from "drizzle-orm";
import {
  type CreateProductInput,
  canDo,
  GIFT_CARD_LINE_LIMIT,
  PRIMARY_CURRENCY,
  type ProductKind,
  priceSetOf,
  primaryPrice,
  type UpdateProductInput,
  type VariantInput,
} from "../contract.ts";
import { syncListingRows } from "../db/listing-rows.ts";
import {
  categories,
  productCategories,
  productOptions,
  productPrices,
  products,
  variantPrices,
  variants,
} from "../db/schema.ts";
import { reindexProducts } from "../db/search-index.ts";
import type { CatalogTx } from "../db/tx.ts";
import type { CatalogDeps } from "../deps.ts";
import { categorySet } from "../domain/category-tree.ts";
import { giftCardProductProblem } from "../domain/gift-card-product.ts";
import { fromPrices, optionRows, variantProblem } from "../domain/product-rules.ts";
import { nextFreeSlug, slugify } from "../domain/slug.ts";
import { assertOwns, sellerScope } from "./seller-scope.ts";
import { imagesColumnOf } from "./uploaded-images-column.ts";

/** What a product change needs: the writer, and the relay that publishes its event after the commit. */
export type ProductWriter = Pick<CatalogDeps, "db" | "relay">;

export interface WriteMeta {
  correlationId?: string;
  /** Backdates creation (demo data with a spread of "newest"). */
  createdAt?: Date;
  /** The seller who sells it (demo data); else the acting seller, else the shop (null). */
  ownerId?: string | null;
}

type Snapshot = Parameters<typeof createEvent<typeof ProductCreated>>[1];

/** One transaction, then the relay kick that publishes the change's event right after the commit. */
async function announced(deps: ProductWriter, change: (tx: CatalogTx) => Promise<Snapshot>): Promise<Snapshot> {
  const snapshot = await deps.db.write(change);
  deps.relay.kick();
  return snapshot;
}

/** A new product from the admin, announced with catalog.product.created. */
export function createProduct(deps: ProductWriter, input: CreateProductInput, meta: WriteMeta = {}) {
  return announced(deps, (tx) => createProductIn(tx, input, meta));
}

/** An admin's edit, announced with catalog.product.updated. */
export function updateProduct(deps: ProductWriter, input: UpdateProductInput, meta: WriteMeta = {}) {
  return announced(deps, (tx) => updateProductIn(tx, input, meta));
}

/** Hides a product from the shop; archiving an archived product changes and announces nothing. */
export function archiveProduct(deps: ProductWriter, id: string, meta: WriteMeta = {}) {
  return announced(deps, (tx) => setArchived(tx, id, true, meta));
}

/** Brings an archived product back as a draft; restoring any other changes and announces nothing. */
export function restoreProduct(deps: ProductWriter, id: string, meta: WriteMeta = {}) {
  return announced(deps, (tx) => setArchived(tx, id, false, meta));
}

/**
 * Creates a product with its variants and categories, indexes it and announces it, inside `tx`
 * (the demo seed creates many in one transaction through this same path).
 */
export async function createProductIn(tx: CatalogTx, input: CreateProductInput, meta: WriteMeta = {}) {
  const kind = input.kind ?? "standard";
  if (kind === "gift_card") checkGiftCard(input);
  await checkVariants(tx, input.variants, null);
  await checkCategories(tx, input.categoryIds);
  const slug = input.slug ?? (await freeSlug(tx, slugify(input.title)));
  if (input.slug && (await tx.select({ id: products.id }).from(products).where(eq(products.slug, slug))).length) {
    throw conflict("slug", `"${slug}" is taken`);
  }
  const id = Bun.randomUUIDv7();
  const now = new Date();
  const [doc] = await tx.all<{ next: number }>(sql`SELECT coalesce(max(doc_id), 0) + 1 AS next FROM products`);
  await tx.insert(products).values({
    id,
    docId: Number(doc?.next ?? 1),
    slug,
    title: input.title,
    description: input.description,
    status: input.status,
    brand: input.brand,
    images: input.images,
    attributes: input.attributes,
    // Set with the price set by replaceVariants, in this transaction.
    minPrice: 0,
    currency: PRIMARY_CURRENCY,
    kind,
    taxClass: kind === "gift_card" ? "zero" : (input.taxClass ?? "standard"),
    inStock: false,
    createdAt: meta.createdAt ?? now,
    updatedAt: now,
    ownerId: meta.ownerId ?? sellerScope(),
  });
  await replaceVariants(tx, id, input.variants, kind);
  await replaceCategories(tx, id, input.categoryIds);
  await syncListingRows(tx, [id]);
  await reindexProducts(tx, [id]);
  const snapshot = await snapshotOf(tx, id);
  await enqueue(tx, createEvent(ProductCreated, snapshot, { key: id, correlationId: meta.correlationId }));
  await recordAudit(tx, { action: "catalog.admin.products.create", targetId: id, before: null, after: snapshot });
  return snapshot;
}

/**
 * Changes the given fields; a new variant list replaces the old one, keeping known SKUs'
 * availability. Inside `tx` (the CSV import updates many in one transaction through this path).
 */
export async function updateProductIn(tx: CatalogTx, input: UpdateProductInput, meta: WriteMeta) {
  const current = await productRow(tx, input.id);
  const before = await snapshotOf(tx, current.id);
  if (current.kind === "gift_card") checkGiftCard(input);
  if (input.variants) await checkVariants(tx, input.variants, current.id);
  if (input.categoryIds) await checkCategories(tx, input.categoryIds);
  await tx
    .update(products)
    .set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.brand !== undefined ? { brand: input.brand } : {}),
      ...(input.images !== undefined ? { images: await imagesColumnOf(tx, current.id, input.images) } : {}),
      ...(input.attributes !== undefined ? { attributes: input.attributes } : {}),
      ...(input.taxClass !== undefined ? { taxClass: input.taxClass } : {}),
      updatedAt: new Date(),
    })
    .where(eq(products.id, current.id));
  if (input.variants) await replaceVariants(tx, current.id, input.variants, current.kind);
  if (input.categoryIds) await replaceCategories(tx, current.id, input.categoryIds);
  await syncListingRows(tx, [current.id]);
  await reindexProducts(tx, [current.id]);
  const snapshot = await snapshotOf(tx, current.id);
  await enqueue(tx, createEvent(ProductUpdated, snapshot, { key: current.id, correlationId: meta.correlationId }));
  await recordAudit(tx, { action: "catalog.admin.products.update", targetId: current.id, before, after: snapshot });
  return snapshot;
}

/** Archives or restores, when the product's status allows it (see PRODUCT_ACTIONS). */
async function setArchived(tx: CatalogTx, id: string, archived: boolean, meta: WriteMeta) {
  const current = await productRow(tx, id);
  if (!canDo(current.status, archived ? "archive" : "restore")) return snapshotOf(tx, id);
  const before = await snapshotOf(tx, id);
  await tx
    .update(products)
    .set({ status: archived ? "archived" : "draft", updatedAt: new Date() })
    .where(eq(products.id, id));
  await syncListingRows(tx, [id]);
  const snapshot = await snapshotOf(tx, id);
  const def = archived ? ProductArchived : ProductUpdated;
  await enqueue(tx, createEvent(def, snapshot, { key: id, correlationId: meta.correlationId }));
  const action = archived ? "catalog.admin.products.archive" : "catalog.admin.products.restore";
  await recordAudit(tx, { action, targetId: id, before, after: snapshot });
  return snapshot;
}

async function productRow(tx: CatalogTx, id: string) {
  const [row] = await tx.select().from(products).where(eq(products.id, id));
  if (!row) throw notFound("id", `no product "${id}"`);
  // A seller changes only its own products (#20).
  assertOwns(id, row.ownerId);
  return row;
}

async function freeSlug(tx: CatalogTx, base: string): Promise<string> {
  const taken = await tx
    .select({ slug: products.slug })
    .from(products)
    .where(or(eq(products.slug, base), like(products.slug, `${base}-%`)));
  return nextFreeSlug(
    base,
    taken.map((t) => t.slug),
  );
}

function checkGiftCard(input: Pick<UpdateProductInput, "taxClass" | "variants">): void {
  const problem = giftCardProductProblem(input);
  if (problem) throw problem;
}

/** Refuses SKUs repeated in the list, mixed currencies, and SKUs another product already sells. */
async function checkVariants(tx: CatalogTx, list: VariantInput[], productId: string | null): Promise<void> {
  const problem = variantProblem(list);
  if (problem) throw problem;
  const skus = list.map((v) => v.sku);
  const owned = await tx
    .select({ sku: variants.sku, slug: products.slug })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(
      productId ? and(inArray(variants.sku, skus), ne(variants.productId, productId)) : inArray(variants.sku, skus),
    );
  const clash = owned[0];
  if (clash) {
    throw conflict(
      `variants.${skus.indexOf(clash.sku)}.sku`,
      `SKU "${clash.sku}" already belongs to product "${clash.slug}"`,
    );
  }
}

async function checkCategories(tx: CatalogTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set(
    (await tx.select({ id: categories.id }).from(categories).where(inArray(categories.id, ids))).map((c) => c.id),
  );
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw invalid(`categoryIds.${missing}`, `no category "${ids[missing]}"`);
}

/**
 * Replaces a product's variants with their price sets, and in the same transaction what is kept
 * beside them: the option rows, the per-currency from-prices and the primary price columns.
 * Known SKUs keep their availability, and their weight when the input gives none. A gift card's
 * denominations have no stock to mirror: each is available up to GIFT_CARD_LINE_LIMIT per line.
 */
async function replaceVariants(
  tx: CatalogTx,
  productId: string,
  list: VariantInput[],
  kind: ProductKind,
): Promise<void> {
  const kept = await tx
    .select({ sku: variants.sku, available: variants.available, weightGrams: variants.weightGrams })
    .from(variants)
    .where(eq(variants.productId, productId));
  const previous = new Map(kept.map((k) => [k.sku, k]));
  const availableOf = (sku: string) =>
    kind === "gift_card" ? GIFT_CARD_LINE_LIMIT : (previous.get(sku)?.available ?? 0);
  if (kept.length) {
    await tx.delete(variantPrices).where(
      inArray(
        variantPrices.sku,
        kept.map((k) => k.sku),
      ),
    );
  }
  await tx.delete(variants).where(eq(variants.productId, productId));
  const sets = list.map((v) => priceSetOf(v));
  await tx.insert(variants).values(
    list.map((v, position) => {
      const primary = primaryPrice(sets[position]!)!;
      return {
        sku: v.sku,
        productId,
        options: v.options,
        price: primary.amount,
        compareAtPrice: primary.compareAtAmount,
        currency: primary.currency,
        weightGrams: v.weightGrams ?? previous.get(v.sku)?.weightGrams ?? 0,
        available: availableOf(v.sku),
        position,
      };
    }),
  );
  await tx.insert(variantPrices).values(list.flatMap((v, i) => sets[i]!.map((p) => ({ sku: v.sku, ...p }))));
  await tx.delete(productOptions).where(eq(productOptions.productId, productId));
  const offered = optionRows(productId, list);
  if (offered.length) await tx.insert(productOptions).values(offered);
  const from = fromPrices(sets);
  const primaryCurrency = from.has(PRIMARY_CURRENCY) ? PRIMARY_CURRENCY : sets[0]![0]!.currency;
  const [product] = await tx
    .update(products)
    .set({
      minPrice: from.get(primaryCurrency)!,
      currency: primaryCurrency,
      inStock: list.some((v) => availableOf(v.sku) > 0),
    })
    .where(eq(products.id, productId))
    .returning();
  // The listing rows get the product's columns now; the caller's syncListingRows keeps them so.
  await tx.delete(productPrices).where(eq(productPrices.productId, productId));
  await tx.insert(productPrices).values(
    [...from].map(([currency, minPrice]) => ({
      productId,
      currency,
      minPrice,
      status: product!.status,
      brand: product!.brand,
      inStock: product!.inStock,
      categorySet: product!.categorySet,
      createdAt: product!.createdAt,
    })),
  );
}

async function replaceCategories(tx: CatalogTx, productId: string, categoryIds: string[]): Promise<void> {
  await tx.delete(productCategories).where(eq(productCategories.productId, productId));
  const unique = [...new Set(categoryIds)];
  if (unique.length) await tx.insert(productCategories).values(unique.map((categoryId) => ({ productId, categoryId })));
  await tx
    .update(products)
    .set({ categorySet: categorySet(unique) })
    .where(eq(products.id, productId));
}

async function snapshotOf(tx: CatalogTx, id: string): Promise<Snapshot> {
  const [p] = await tx.select().from(products).where(eq(products.id, id));
  const vs = await tx.select().from(variants).where(eq(variants.productId, id)).orderBy(variants.position);
  const cs = await tx.select().from(productCategories).where(eq(productCategories.productId, id));
  return {
    productId: id,
    slug: p!.slug,
    title: p!.title,
    status: p!.status,
    categoryIds: cs.map((c) => c.categoryId),
    ownerId: p!.ownerId,
    brand: p!.brand,
    variants: vs.map((v) => ({ sku: v.sku, price: v.price, currency: currencySchema.parse(v.currency) })),
    kind: p!.kind,
  };
}

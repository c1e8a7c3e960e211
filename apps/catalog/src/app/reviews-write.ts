import { conflict, forbidden, notFound } from "@mercato/kit/errors";
import { and, eq } from "drizzle-orm";
import type { CreateReviewInput, ReviewStatus, UpdateReviewInput } from "../contract.ts";
import { products, purchases, reviews } from "../db/schema.ts";
import type { CatalogTx } from "../db/tx.ts";
import type { CatalogDeps } from "../deps.ts";
import { refreshReviewSummary } from "./reviews-summary.ts";
import { ownReview } from "./reviews-views.ts";

type Deps = Pick<CatalogDeps, "db" | "env">;

/** A new or edited review waits for a moderator, unless the shop publishes reviews at once. */
function statusOnWrite(deps: Deps): ReviewStatus {
  return deps.env.REVIEWS_AUTO_PUBLISH ? "published" : "pending";
}

async function boughtIt(tx: CatalogTx, customerId: string, productId: string): Promise<boolean> {
  const [row] = await tx
    .select({ orderId: purchases.orderId })
    .from(purchases)
    .where(and(eq(purchases.customerId, customerId), eq(purchases.productId, productId)));
  return row !== undefined;
}

/** A signed-in shopper's review of an active product: one per product and customer. */
export function createReview(deps: Deps, customerId: string, input: CreateReviewInput) {
  return deps.db.write(async (tx) => {
    const [product] = await tx
      .select({ status: products.status })
      .from(products)
      .where(eq(products.id, input.productId));
    if (product?.status !== "active") throw notFound("productId", "no such product in the shop");
    const [existing] = await tx
      .select({ id: reviews.id })
      .from(reviews)
      .where(and(eq(reviews.productId, input.productId), eq(reviews.customerId, customerId)));
    if (existing) throw conflict("productId", "you already reviewed this product: edit your review instead");
    const now = new Date();
    const status = statusOnWrite(deps);
    const [row] = await tx
      .insert(reviews)
      .values({
        id: Bun.randomUUIDv7(),
        productId: input.productId,
        customerId,
        authorName: input.authorName,
        rating: input.rating,
        title: input.title,
        body: input.body,
        photos: input.photos,
        status,
        verified: await boughtIt(tx, customerId, input.productId),
        createdAt: now,
        updatedAt: now,
        publishedAt: status === "published" ? now : null,
      })
      .returning();
    if (status === "published") await refreshReviewSummary(tx, input.productId);
    return ownReview(row!);
  });
}

/** The author's edit: the review goes back to moderation (and off the product page until approved). */
export function updateReview(deps: Deps, customerId: string, input: UpdateReviewInput) {
  return deps.db.write(async (tx) => {
    const [current] = await tx.select().from(reviews).where(eq(reviews.id, input.reviewId));
    if (!current) throw notFound("reviewId", "no such review");
    if (current.customerId !== customerId) throw forbidden("reviewId", "only its author may edit a review");
    const now = new Date();
    const status = statusOnWrite(deps);
    const [row] = await tx
      .update(reviews)
      .set({
        authorName: input.authorName,
        rating: input.rating,
        title: input.title,
        body: input.body,
        photos: input.photos,
        status,
        rejectReason: null,
        updatedAt: now,
        publishedAt: status === "published" ? now : null,
      })
      .where(eq(reviews.id, input.reviewId))
      .returning();
    if (current.status === "published" || status === "published") await refreshReviewSummary(tx, current.productId);
    return ownReview(row!);
  });
}

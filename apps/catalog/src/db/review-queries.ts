import type { RatingSummary } from "../contract.ts";
import { ratingSummary } from "../domain/review-rules.ts";
import { inIds, preparedRead, type ReadDb } from "./queries.ts";
import { reviewSummaries } from "./schema.ts";

const EMPTY: RatingSummary = { average: null, count: 0, histogram: [0, 0, 0, 0, 0] };

const summariesByProducts = preparedRead((db) =>
  db.select().from(reviewSummaries).where(inIds(reviewSummaries.productId)).prepare(),
);

/** The rating summaries of these products (an empty one for a product nobody reviewed yet). */
export async function ratingSummaries(db: ReadDb, productIds: string[]): Promise<Map<string, RatingSummary>> {
  const out = new Map<string, RatingSummary>(productIds.map((id) => [id, EMPTY]));
  if (productIds.length === 0) return out;
  const rows = await summariesByProducts(db).all({ ids: JSON.stringify(productIds) });
  for (const r of rows) out.set(r.productId, ratingSummary([r.stars1, r.stars2, r.stars3, r.stars4, r.stars5]));
  return out;
}

/** Price facet buckets in minor units: [min, max) with the last one open-ended. */
export const PRICE_BUCKET_EDGES = [0, 2_500, 5_000, 10_000, 20_000] as const;

export interface PriceBucket {
  /** Inclusive lower bound in minor units. */
  min: number;
  /** Exclusive upper bound in minor units; null for the last, open bucket. */
  max: number | null;
}

export const PRICE_BUCKETS: PriceBucket[] = PRICE_BUCKET_EDGES.map((min, i) => ({
  min,
  max: PRICE_BUCKET_EDGES[i + 1] ?? null,
}));

/** The index of the bucket a price falls in. */
export function bucketIndex(price: number): number {
  let index = 0;
  for (let i = 0; i < PRICE_BUCKET_EDGES.length; i++) if (price >= PRICE_BUCKET_EDGES[i]!) index = i;
  return index;
}

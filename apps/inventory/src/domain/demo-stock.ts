/**
 * The correlation id the catalog's demo seed gives the products it creates
 * (apps/catalog/src/db/seed.ts): only SKUs announced under it are the demo catalog's own and get
 * demo stock. Anything else (an admin's product, a later variant of a demo product) starts at zero.
 */
export const DEMO_SEED_CORRELATION_ID = "seed-demo";

/** Whether a catalog event is the demo seed's own announcement of its products. */
export function isDemoSeed(event: { correlationId?: string }): boolean {
  return event.correlationId === DEMO_SEED_CORRELATION_ID;
}

/** FNV-1a: a stable 32-bit hash, so every start-up gives each demo SKU the same stock. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The initial quantity a demo SKU receives: 0..40, deterministic from the SKU, with about one
 * SKU in eight at 0..3 so the demo shop shows "only a few left" and "sold out" too.
 */
export function demoQuantity(sku: string): number {
  const h = fnv1a(sku);
  return h % 8 === 0 ? (h >>> 3) % 4 : 5 + ((h >>> 3) % 36);
}

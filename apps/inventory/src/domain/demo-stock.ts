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

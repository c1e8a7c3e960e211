/**
 * The procedures the edge worker answers (edge/router.ts), by their full tRPC path: the
 * storefront sends a read to the edge only when it is one of these (apps/web/lib/shop/catalog.ts).
 * Pure, for the web to import; edge.test.ts checks it against the router.
 */
export const EDGE_PROCEDURES = [
  "catalog.products.list",
  "catalog.products.suggest",
  "catalog.products.bySlug",
  "catalog.products.related",
  "catalog.products.bySkus",
  "catalog.products.byIds",
  "catalog.categories.tree",
] as const;

/**
 * The admin's product reads, scoped for sellers (#20): a seller lists only its own products and
 * opens only its own (403 naming `productId` for another's); the shop's staff see everything.
 * Kept apart from list-products.ts and product-page.ts, which the edge bundle also carries and
 * which therefore know nothing of the request (no Node built-ins at the edge).
 */
import type { AdminListInput } from "../contract.ts";
import type { ReadDb } from "../db/queries.ts";
import type { CatalogDeps } from "../deps.ts";
import { listProducts } from "./list-products.ts";
import { productById } from "./product-page.ts";
import { assertOwnsProduct, sellerScope } from "./seller-scope.ts";

/** Every status; a seller's own products only. */
export function listProductsForStaff(deps: Pick<CatalogDeps, "db" | "listingIndex">, input: AdminListInput) {
  return listProducts(deps.db.orm, input, {
    includeHidden: true,
    ownerId: sellerScope(),
    index: deps.listingIndex,
  });
}

/** The editor's product; a seller may open only its own. */
export async function productForStaff(db: ReadDb, id: string) {
  await assertOwnsProduct(db, id);
  return productById(db, id);
}

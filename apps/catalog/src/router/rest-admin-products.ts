import type { ProcedureMeta } from "@mercato/kit";
import { listProductsForStaff } from "../app/seller-products.ts";
import { setVariantPrices } from "../app/set-variant-prices.ts";
import { setVariantPricesInput } from "../contract.ts";
import { adminBrowseInput, optionFilters, productChangeSchema, productListSchema } from "../contract-views.ts";
import { admin } from "./staff.ts";

/** REST meta of a staff product operation (#24): a staff bearer with catalog.write, checked here and at the gateway. */
export const staffRest = (
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: `/admin/${string}`,
  summary: string,
): ProcedureMeta => ({ openapi: { method, path, tags: ["catalog-admin"], summary, protect: true } });

/**
 * The staff product operations REST needs in a shape tRPC's do not have (#24): the admin listing's
 * filters in a query string, and one variant's prices addressed by path. The same use cases as
 * `catalog.admin.products.list` and `.update`.
 */
export const restAdminProductProcedures = {
  /** `catalog.admin.products.list` with `option=name:value` and `inStock=true|false` as text (see browseInput). */
  browse: admin("catalog.write")
    .meta(staffRest("GET", "/admin/products", "Products for staff: every status, the shop's filters"))
    .input(adminBrowseInput)
    .output(productListSchema)
    .query(({ ctx, input: { option, inStock, ...rest } }) =>
      listProductsForStaff(ctx.deps, {
        ...rest,
        options: optionFilters(option),
        inStock: inStock === undefined ? undefined : inStock === "true",
      }),
    ),
  /** Replaces one variant's whole price set; its other fields and the other variants stay. */
  setPrices: admin("catalog.write")
    .meta(staffRest("PUT", "/admin/products/{id}/variants/{sku}/prices", "Set a variant's prices"))
    .input(setVariantPricesInput)
    .output(productChangeSchema)
    .mutation(({ ctx, input }) => setVariantPrices(ctx.deps, input, { correlationId: ctx.requestId })),
};

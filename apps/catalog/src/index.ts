/** Types only: clients import these without pulling in server code. */

export type { Facets } from "./app/facets.ts";
export type { ProductList } from "./app/list-products.ts";
export type {
  AdminListInput,
  CreateProductInput,
  ListInput,
  ProductStatus,
  Sort,
  UpdateProductInput,
  VariantInput,
} from "./contract.ts";
export type { ProductSummary, ProductWithVariants } from "./db/queries.ts";
export type { DemoCategory, DemoProduct } from "./db/seed-data.ts";
export type { CatalogRouter } from "./router/index.ts";

/** Types only: clients import these without pulling in server code. */

export type { CreateProductInput, UpdateProductInput, VariantInput } from "./admin/inputs.ts";
export type { DemoCategory, DemoProduct } from "./db/seed-data.ts";
export type { Facets } from "./read/facets.ts";
export type { AdminListInput, ListInput, Sort } from "./read/inputs.ts";
export type { ProductList } from "./read/list-products.ts";
export type { ProductWithVariants } from "./read/products.ts";
export type { CatalogRouter } from "./router/index.ts";

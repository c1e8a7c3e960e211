export type { CatalogRouter } from "./router/index.ts";

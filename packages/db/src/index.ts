export { type AnyDatabase, type AnyTx, createDatabase, type Database, type Tx } from "./database.ts";
export { fileUrlFor } from "./url.ts";

// The use cases a benchmark drives directly on a bare database (no service, no NATS), exported as
// `@mercato/inventory/testing` so bench/ reaches them through the package, not by path.
export { ensureStock } from "./app/ensure-stock.ts";
export { applyMovement } from "./app/movement.ts";
export { reserveOrder } from "./app/reserve.ts";
export { books } from "./db/queries.ts";
export type { InventoryDb } from "./deps.ts";

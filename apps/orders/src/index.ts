export type { CheckoutResult } from "./app/checkout.ts";
export type { OrderLine, Shortage } from "./domain/events.ts";
export type { OrderStatus } from "./domain/status.ts";
export type { OrderChange } from "./live/live-orders.ts";
export type { StatusUpdate } from "./live/status-stream.ts";
export type { OrderSummary, OrderView } from "./projections/order-view.ts";
export type { OrdersRouter } from "./router/index.ts";
export type { AdminListInput, CheckoutInput } from "./router/inputs.ts";

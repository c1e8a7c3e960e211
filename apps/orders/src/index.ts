export type {
  AdminListInput,
  CheckoutInput,
  CheckoutResult,
  OrderChange,
  OrderLine,
  OrderStatus,
  OrderSummary,
  OrderView,
  Shortage,
  StatusUpdate,
} from "./contract.ts";
export type { OrdersRouter } from "./router/index.ts";

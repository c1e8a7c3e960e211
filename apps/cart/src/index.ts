export type { CartDiscountView, CartLineView, CartTotalsView, CartView } from "./cart/view.ts";
export type { LineProblem } from "./domain/cart-lines.ts";
export type { CodeRefusal, CodeRefusalReason } from "./domain/discount-code.ts";
export type { CreateCodeInput, UpdateCodeInput } from "./router/admin-codes.ts";
export type { CartRouter } from "./router/index.ts";
export type {
  AddItemInput,
  ApplyCodeInput,
  CartRefInput,
  MergeInput,
  RemoveItemInput,
  UpdateItemInput,
} from "./router/inputs.ts";

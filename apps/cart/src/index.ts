export type {
  AddItemInput,
  ApplyCodeInput,
  CartDiscountView,
  CartLineView,
  CartRefInput,
  CartTotalsView,
  CartView,
  CodeRefusal,
  CodeRefusalReason,
  CreateCodeInput,
  LineProblem,
  MergeInput,
  RemoveItemInput,
  UpdateCodeInput,
  UpdateItemInput,
} from "./contract.ts";
export type { CartRouter } from "./router/index.ts";

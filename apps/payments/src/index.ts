export type { PaymentView } from "./db/queries.ts";
export type { PaymentStatus } from "./domain/payment-status.ts";
export type { AttemptAnswer } from "./payments/test-checkout.ts";
export type { PaymentsRouter } from "./router/index.ts";
export type {
  CompleteTestActionInput,
  ConfirmTestInput,
  CreateIntentInput,
  ListPaymentsInput,
  RefundInput,
} from "./router/inputs.ts";

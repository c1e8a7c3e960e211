export type {
  AttemptAnswer,
  CompleteTestActionInput,
  ConfirmTestInput,
  CreateIntentInput,
  ListPaymentsInput,
  PaymentStatus,
  PaymentView,
  RefundInput,
} from "./contract.ts";
export type { PaymentsRouter } from "./router/index.ts";

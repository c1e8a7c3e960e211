export type {
  AttemptAnswer,
  CalculateTaxInput,
  CompleteTestActionInput,
  ConfirmTestInput,
  CreateIntentInput,
  GiftCardDelivery,
  GiftCardEntryView,
  GiftCardHoldView,
  GiftCardView,
  IssuedGiftCard,
  ListPaymentsInput,
  PaymentStatus,
  PaymentView,
  RefundInput,
  TaxAnswer,
} from "./contract.ts";
export type { PaymentsRouter } from "./router/index.ts";

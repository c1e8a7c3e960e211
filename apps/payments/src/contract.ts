/**
 * The payments contract: what its procedures accept and answer, and the statuses a payment and
 * a refund go through. Pure (zod and @mercato/pricing only), so the web bundles it for the browser.
 */
import {
  type Currency,
  currencySchema,
  regionRulesSchema,
  type TaxProviderName,
  type TaxResult,
  taxRequestSchema,
} from "@mercato/pricing";
import { z } from "zod";

// ── Statuses ────────────────────────────────────────────────────────────────────────────────
/**
 * A payment waits for the shopper (requires_payment), is being confirmed (processing), may need
 * an extra authentication step (requires_action), and ends succeeded or failed; a failed payment
 * may be tried again, and a succeeded one refunded. The transitions are in domain/payment-status.ts.
 */
export const PAYMENT_STATUSES = [
  "requires_payment",
  "processing",
  "requires_action",
  "succeeded",
  "failed",
  "partially_refunded",
  "refunded",
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const REFUND_STATUSES = ["pending", "succeeded", "failed"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Where a refund was started: through our API, or outside it (e.g. the Stripe dashboard). */
export const REFUND_SOURCES = ["api", "provider"] as const;
export type RefundSource = (typeof REFUND_SOURCES)[number];

export const PAYMENT_PROVIDERS = ["stripe", "test"] as const;
export type ProviderName = (typeof PAYMENT_PROVIDERS)[number];

/**
 * What a payment is for: the order itself (its one payment at checkout), or an exchange (the
 * price difference of a returned line swapped for another variant; its `reference` is the return
 * id). An order has at most one payment per (purpose, reference).
 */
export const PAYMENT_PURPOSES = ["order", "exchange"] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────
const id = z.string().trim().min(1).max(200);
const positiveMinorUnits = z.number().int().safe().positive();
const clientSecret = z.string().min(1).max(500);

/**
 * Which of an order's payments: `purpose` "order" (the default) with `reference` null is the
 * checkout payment; "exchange" needs a `reference` (the return id).
 */
const paymentSlot = {
  purpose: z.enum(PAYMENT_PURPOSES).default("order"),
  reference: id.nullable().default(null),
};
function slotRule(value: { purpose: PaymentPurpose; reference: string | null }, ctx: z.RefinementCtx) {
  if (value.purpose === "order" && value.reference !== null) {
    ctx.addIssue({ code: "custom", path: ["reference"], message: "the order payment has no reference" });
  }
  if (value.purpose === "exchange" && value.reference === null) {
    ctx.addIssue({
      code: "custom",
      path: ["reference"],
      message: "an exchange payment names its return",
    });
  }
}

export const createIntentInput = z
  .object({
    orderId: id,
    userId: id.nullable(),
    email: z.string().email(),
    amount: positiveMinorUnits,
    currency: currencySchema,
    ...paymentSlot,
    /**
     * A saved method the shopper chose at checkout (#20): when it is the user's own, the payment is
     * attempted with it at once (no card typed); otherwise the shopper pays as usual.
     */
    paymentMethodId: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine(slotRule);

export const refundInput = z
  .object({
    orderId: id,
    /** Which payment to refund from (default: the order payment); a refund never spans payments. */
    ...paymentSlot,
    /** Omitted: refund everything not yet refunded. */
    amount: positiveMinorUnits.optional(),
    reason: z.string().trim().min(1).max(500),
    idempotencyKey: z.string().trim().min(1).max(200),
  })
  .superRefine(slotRule);

/**
 * A test card as the shopper typed it. `expiry` ("MM/YY") and `cvc` are checked as Stripe checks
 * them (expired_card, incorrect_cvc) when sent; they are optional only because the storefront's
 * test card form does not send them yet.
 */
export const testCardDetails = z.object({
  number: z.string().min(1).max(40),
  expiry: z.string().max(10).optional(),
  cvc: z.string().max(8).optional(),
});
export type TestCardDetails = z.infer<typeof testCardDetails>;

export const confirmTestInput = z.object({
  paymentId: id,
  clientSecret,
  /** The card's details, or (the older form, kept for existing callers) its number alone. */
  card: z.union([z.string().min(1).max(40), testCardDetails]),
});

export const completeTestActionInput = z.object({
  paymentId: id,
  clientSecret,
  approve: z.boolean(),
});

export const byOrderInput = z.object({ orderId: id });

/** A payment its holder names: the client secret proves they hold it (the pay page). */
export const paymentRefInput = z.object({ paymentId: id, clientSecret });

/**
 * Tax for a basket in a region (orders asks, for regions whose `taxProvider` is `stripe_tax`):
 * the region's rules and pricing's TaxRequest (amounts after discount, on the region's basis).
 */
export const calculateTaxInput = z.object({ region: regionRulesSchema, request: taxRequestSchema });

export const listPaymentsInput = z.object({
  status: z.enum(PAYMENT_STATUSES).optional(),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().optional(),
});

export type CreateIntentInput = z.input<typeof createIntentInput>;
export type RefundInput = z.input<typeof refundInput>;
export type ConfirmTestInput = z.input<typeof confirmTestInput>;
export type CompleteTestActionInput = z.input<typeof completeTestActionInput>;
export type ByOrderInput = z.input<typeof byOrderInput>;
export type PaymentRefInput = z.input<typeof paymentRefInput>;
export type CalculateTaxInput = z.input<typeof calculateTaxInput>;
export type ListPaymentsInput = z.input<typeof listPaymentsInput>;

// ── Outputs ─────────────────────────────────────────────────────────────────────────────────
export interface RefundView {
  id: string;
  amount: number;
  reason: string;
  status: RefundStatus;
  source: RefundSource;
  createdAt: Date;
}

/** What callers see of a payment. The client secret is only for the shopper who pays. */
export interface PaymentView {
  id: string;
  orderId: string;
  userId: string | null;
  email: string;
  amount: number;
  currency: Currency;
  provider: ProviderName;
  /** What the payment is for, and (exchange) the return it belongs to. */
  purpose: PaymentPurpose;
  reference: string | null;
  status: PaymentStatus;
  refundedTotal: number;
  attempts: number;
  failureCode: string | null;
  failureMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
  succeededAt: Date | null;
  refunds: RefundView[];
}

/** The shopper's own payment carries its client secret while there is something left to pay. */
export type ShopperPaymentView = PaymentView & { clientSecret: string | null };

export interface PaymentPage {
  items: PaymentView[];
  nextCursor: string | null;
}

/** createIntent's answer: the order's payment for that purpose and reference. */
export interface IntentAnswer {
  paymentId: string;
  purpose: PaymentPurpose;
  reference: string | null;
  provider: ProviderName;
  clientSecret: string;
  status: PaymentStatus;
}

export interface RefundAnswer {
  refundId: string;
  /** The payment refunded from; `refundedTotal` and `status` are that payment's. */
  paymentId: string;
  amount: number;
  refundedTotal: number;
  status: PaymentStatus;
}

/**
 * calculateTax's answer: pricing's TaxResult (one result per request line, in order, and one for
 * shipping when it was asked), and which provider computed it: `stripe_tax` when payments holds a
 * Stripe key and the region asks for Stripe Tax, else `rates` (the region's own rate table).
 */
export type TaxAnswer = TaxResult & { provider: TaxProviderName };

/** What a test-card attempt came to; a decline says why. */
export interface AttemptAnswer {
  status: PaymentStatus;
  declineCode?: string;
  message?: string;
}

/**
 * Where a payment stands for its holder (`payments.state`): whether an authentication step is
 * pending (the pay page shows it again: complete it, or abandon it for another card), whether a new
 * attempt may start (always, unless paid or in flight), and the last decline.
 */
export interface PaymentState {
  status: PaymentStatus;
  provider: ProviderName;
  pendingStep: boolean;
  canAttempt: boolean;
  lastError: { code: string; message: string } | null;
}

/**
 * Which provider takes payments here. `testMode` is true when no real money can be taken (the
 * embedded test provider), so the storefront can say so.
 */
export interface PaymentMode {
  provider: ProviderName;
  testMode: boolean;
}

// ── Saved payment methods (#20) ─────────────────────────────────────────────────────────────
/** A saved payment method's id as the shopper sees it (ours, `spm_…`; never the provider's). */
const paymentMethodId = z.string().trim().min(1).max(200);

/**
 * Saves a test card (test provider): validated as confirmTest's cards are; a saved card needs
 * its expiry (the account lists it).
 */
export const setupTestInput = z.object({ card: testCardDetails.extend({ expiry: z.string().min(1).max(10) }) });

/** After Stripe.js confirmed a SetupIntent: payments reads it from Stripe and records its card. */
export const recordSetupInput = z.object({ setupIntentId: z.string().trim().min(1).max(200) });

export const paymentMethodRefInput = z.object({ paymentMethodId });

/**
 * Pays the shopper's own payment with one of their saved methods: the client secret proves the
 * payment is held, the signed-in user must own both the payment and the method.
 */
export const payWithSavedInput = z.object({
  paymentId: id,
  clientSecret,
  paymentMethodId,
  /** Where Stripe sends the shopper back after a bank's page (Stripe asks for one on confirm). */
  returnUrl: z.url().max(2000).optional(),
});

/** For orders' checkout: is this the user's own saved method (404 naming `paymentMethodId` if not). */
export const savedMethodOfInput = z.object({ userId: id, paymentMethodId });

export type SetupTestInput = z.input<typeof setupTestInput>;
export type RecordSetupInput = z.input<typeof recordSetupInput>;
export type PaymentMethodRefInput = z.input<typeof paymentMethodRefInput>;
export type PayWithSavedInput = z.input<typeof payWithSavedInput>;

/** What the account shows of a saved card: never its number. */
export interface SavedMethodView {
  id: string;
  provider: ProviderName;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  createdAt: Date;
}

/** A Stripe SetupIntent's client secret, for Stripe Elements in the account page. */
export interface SetupAnswer {
  setupIntentId: string;
  clientSecret: string;
}

/**
 * What paying with a saved method came to. `requires_action`: the card asks for 3-D Secure (the
 * test provider's step, or Stripe.js `handleNextAction` with the payment's client secret).
 */
export type SavedPayAnswer = AttemptAnswer;

// ── Gift cards (#27) ────────────────────────────────────────────────────────────────────────
/** An active card can be spent; a disabled one (staff) refuses every redemption and keeps its balance. */
export const GIFT_CARD_STATUSES = ["active", "disabled"] as const;
export type GiftCardStatus = (typeof GIFT_CARD_STATUSES)[number];

/**
 * What moved a card's balance. Each ledger entry carries its signed effect on the balance, so the
 * ledger of a card always sums to its balance: issue (+), hold (− at checkout), release (+ when
 * the order fails or is cancelled unpaid), refund (+ a refund of a paid order), adjust (± staff).
 */
export const GIFT_CARD_ENTRY_KINDS = ["issue", "hold", "release", "refund", "adjust"] as const;
export type GiftCardEntryKind = (typeof GIFT_CARD_ENTRY_KINDS)[number];

/** A hold of an order on a card: held at checkout, then committed when paid or released. */
export const GIFT_CARD_HOLD_STATUSES = ["held", "committed", "released"] as const;
export type GiftCardHoldStatus = (typeof GIFT_CARD_HOLD_STATUSES)[number];

/** The amounts a gift card may be bought or issued in, per currency (minor units, inclusive). */
export const GIFT_CARD_AMOUNTS: Readonly<Record<Currency, { min: number; max: number }>> = {
  EUR: { min: 500, max: 50_000 },
  USD: { min: 500, max: 50_000 },
  GBP: { min: 500, max: 50_000 },
};

/**
 * A code as the shopper types it: letters and digits, any case, dashes and spaces ignored.
 * Codes are `GC-` plus 26 characters of Crockford base32 (130 random bits); see domain/gift-card-code.ts.
 */
export const giftCardCode = z
  .string()
  .trim()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9 -]+$/, "letters, digits and dashes only");

const giftCardReason = z.string().trim().min(3).max(500);

function amountInRange(value: { amount: number; currency: Currency }, ctx: z.RefinementCtx) {
  const { min, max } = GIFT_CARD_AMOUNTS[value.currency];
  if (value.amount < min || value.amount > max) {
    ctx.addIssue({
      code: "custom",
      path: ["amount"],
      message: `a gift card in ${value.currency} is between ${min} and ${max} minor units`,
    });
  }
}

const giftCardRecipient = {
  recipientEmail: z.string().trim().email().max(320),
  recipientName: z.string().trim().min(1).max(120),
  message: z.string().trim().max(1000).default(""),
};

/**
 * Who a bought gift card goes to (#27): what the shopper types on a gift-card product's page. The
 * cart keeps it on the line and orders passes it to issueForOrder, so all three check one rule.
 */
export const giftCardRecipientSchema = z.object(giftCardRecipient);
export type GiftCardRecipient = z.output<typeof giftCardRecipientSchema>;

/**
 * A gift-card line in a cart (#27): its recipient and, when the shopper chose their own amount,
 * that amount in the cart's currency (minor units; within GIFT_CARD_AMOUNTS, checked where the
 * currency is known). Absent: the denomination's price.
 */
export const giftCardLineSchema = giftCardRecipientSchema.extend({ amount: positiveMinorUnits.optional() });
export type GiftCardLine = z.output<typeof giftCardLineSchema>;

/** Whether `amount` may be a gift card in `currency` (GIFT_CARD_AMOUNTS): the catalog checks its denominations with it. */
export function giftCardAmountAllowed(amount: number, currency: Currency): boolean {
  const { min, max } = GIFT_CARD_AMOUNTS[currency];
  return Number.isSafeInteger(amount) && amount >= min && amount <= max;
}

/** Staff issue a card by hand (a goodwill gesture, a replacement): always with a reason. */
export const issueGiftCardInput = z
  .object({
    amount: positiveMinorUnits,
    currency: currencySchema,
    ...giftCardRecipient,
    reason: giftCardReason,
  })
  .superRefine(amountInRange);

/** Orders issues a card for a paid gift-card line: once per (order, line). */
export const issueForOrderInput = z
  .object({
    orderId: id,
    lineId: id,
    purchaserUserId: id.nullable(),
    amount: positiveMinorUnits,
    currency: currencySchema,
    ...giftCardRecipient,
  })
  .superRefine(amountInRange);

export const giftCardIdInput = z.object({ cardId: id });

export const disableGiftCardInput = z.object({ cardId: id, reason: giftCardReason });

/** A staff correction: a signed amount (never zero), never taking the balance below zero. */
export const adjustGiftCardInput = z.object({
  cardId: id,
  amount: z
    .number()
    .int()
    .safe()
    .refine((n) => n !== 0, "an adjustment moves the balance"),
  reason: giftCardReason,
});

/**
 * Checkout holds up to `amount` of the order total on the card named by its code: the whole
 * amount when the balance covers it, else the whole balance (the rest is paid by card).
 * The same (order, code) again answers the same hold.
 */
export const holdGiftCardInput = z.object({
  orderId: id,
  code: giftCardCode,
  amount: positiveMinorUnits,
  currency: currencySchema,
});

export const giftCardOrderInput = z.object({ orderId: id });

/** A refund of a gift-card-paid order credits the card (at most what the order took from it). */
export const refundGiftCardInput = z.object({
  orderId: id,
  amount: positiveMinorUnits,
  idempotencyKey: z.string().trim().min(1).max(200),
});

export const giftCardBalanceInput = z.object({ code: giftCardCode });

export const listGiftCardsInput = z.object({
  /** A code's last four characters, or a recipient email (exact). */
  query: z.string().trim().min(1).max(320).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

/** A card as staff and its owners see it: never the code, only its last four characters. */
export interface GiftCardView {
  id: string;
  last4: string;
  currency: Currency;
  initialAmount: number;
  balance: number;
  status: GiftCardStatus;
  recipientEmail: string;
  recipientName: string;
  purchaserUserId: string | null;
  orderId: string | null;
  createdAt: Date;
}

export interface GiftCardEntryView {
  id: string;
  kind: GiftCardEntryKind;
  /** The signed effect on the balance, in minor units. */
  amount: number;
  balanceAfter: number;
  orderId: string | null;
  reason: string;
  actorId: string | null;
  createdAt: Date;
}

/** The answer of an issue: the only time the code is shown. */
export interface IssuedGiftCard {
  card: GiftCardView;
  code: string;
}

export interface GiftCardHoldView {
  holdId: string;
  cardId: string;
  last4: string;
  orderId: string;
  amount: number;
  currency: Currency;
  status: GiftCardHoldStatus;
  /** The card's balance after this hold. */
  balance: number;
}

/** What notifications claims to email a new card to its recipient: the only other place the code goes. */
export interface GiftCardDelivery {
  cardId: string;
  code: string;
  recipientEmail: string;
  recipientName: string;
  message: string;
  amount: number;
  currency: Currency;
}
